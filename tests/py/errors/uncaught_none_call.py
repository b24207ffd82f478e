handlers = {"start": print}
handler = handlers.get("stop")
handler("stopping")
