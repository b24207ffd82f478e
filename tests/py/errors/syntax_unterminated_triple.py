doc = """begins

and never ends
