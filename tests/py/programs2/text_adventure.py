# A tiny text adventure driven by a scripted list of commands.

ROOMS = {
    "hall": {"desc": "a dusty hall", "exits": {"north": "library", "east": "kitchen"}, "items": ["lamp"]},
    "library": {"desc": "rows of old books", "exits": {"south": "hall"}, "items": ["key", "book"]},
    "kitchen": {"desc": "a cold kitchen", "exits": {"west": "hall", "down": "cellar"}, "items": []},
    "cellar": {"desc": "a dark cellar", "exits": {"up": "kitchen"}, "items": ["treasure"], "locked": True},
}


class Game:
    def __init__(self, rooms):
        self.rooms = rooms
        self.where = "hall"
        self.inventory = []
        self.moves = 0
        self.state = "playing"
        self.handlers = {
            "go": self.go,
            "take": self.take,
            "drop": self.drop,
            "look": self.look,
            "inv": self.show_inventory,
            "unlock": self.unlock,
        }

    def room(self):
        return self.rooms[self.where]

    def say(self, msg):
        print(f"[{self.moves:02d}] {msg}")

    def go(self, direction):
        exits = self.room()["exits"]
        if direction not in exits:
            self.say(f"You can't go {direction}.")
            return
        target = exits[direction]
        if self.rooms[target].get("locked"):
            self.say(f"The way {direction} is locked.")
            return
        self.where = target
        self.look()

    def look(self, *_):
        r = self.room()
        items = ", ".join(r["items"]) or "nothing"
        exits = "/".join(sorted(r["exits"]))
        self.say(f"You are in {r['desc']}. You see {items}. Exits: {exits}.")

    def take(self, what):
        items = self.room()["items"]
        if what in items:
            items.remove(what)
            self.inventory.append(what)
            self.say(f"Taken: {what}.")
            if what == "treasure":
                self.state = "won"
        else:
            self.say(f"There is no {what} here.")

    def drop(self, what):
        if what not in self.inventory:
            self.say(f"You don't have {what}.")
            return
        self.inventory.remove(what)
        self.room()["items"].append(what)
        self.say(f"Dropped: {what}.")

    def show_inventory(self, *_):
        self.say("You carry: " + (", ".join(sorted(self.inventory)) if self.inventory else "nothing"))

    def unlock(self, direction):
        if "key" not in self.inventory:
            self.say("You have no key.")
            return
        target = self.room()["exits"].get(direction)
        if target is None or not self.rooms[target].get("locked"):
            self.say("Nothing to unlock there.")
            return
        del self.rooms[target]["locked"]
        self.say(f"Unlocked the way {direction}.")

    def run(self, commands):
        self.look()
        for line in commands:
            if self.state != "playing":
                break
            self.moves += 1
            words = line.lower().split()
            if not words:
                continue
            verb, args = words[0], words[1:]
            handler = self.handlers.get(verb)
            if handler is None:
                self.say(f"I don't know how to {verb!r}.")
                continue
            try:
                handler(*args)
            except TypeError as e:
                self.say(f"{verb}: needs an argument")
        return self.state


script = ["look", "go west", "take lamp", "go east", "go down", "unlock down",
          "go west", "go north", "take key", "take sword", "dance", "go", "go south",
          "go east", "unlock down", "go down", "inv", "drop lamp", "take treasure", "look"]
g = Game(ROOMS)
result = g.run(script)
print("result:", result, "after", g.moves, "moves")
print("inventory:", g.inventory)
print(sorted([(k, v["items"]) for k, v in ROOMS.items()]))
