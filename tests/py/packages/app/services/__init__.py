# helper module: services (imported on demand, not by app/__init__)
