class Empty:
