# An elevator controller simulation: a state machine (idle, moving, doors open)
# driven by timed requests, with the SCAN strategy and a travel log.

class Elevator:
    def __init__(self, floors):
        self.floors = floors
        self.floor = 0
        self.direction = 0
        self.state = "idle"
        self.stops = set()
        self.door_timer = 0
        self.log = []
        self.moved = 0

    def request(self, floor, t):
        if not 0 <= floor < self.floors:
            raise ValueError(f"no floor {floor} (0..{self.floors - 1})")
        if floor == self.floor and self.state != "moving":
            self.open_doors(t)
            return
        self.stops.add(floor)

    def open_doors(self, t):
        self.state = "doors"
        self.door_timer = 2
        self.stops.discard(self.floor)
        self.log.append((t, "open", self.floor))

    def choose_direction(self):
        if not self.stops:
            return 0
        above = [s for s in self.stops if s > self.floor]
        below = [s for s in self.stops if s < self.floor]
        if self.direction > 0 and above or not below:
            return 1
        if self.direction < 0 and below or not above:
            return -1
        # idle: go to the nearer end of the work
        return 1 if min(above) - self.floor <= self.floor - max(below) else -1

    def tick(self, t):
        if self.state == "doors":
            self.door_timer -= 1
            if self.door_timer == 0:
                self.log.append((t, "close", self.floor))
                self.state = "idle"
            return
        if self.state == "idle":
            self.direction = self.choose_direction()
            if self.direction == 0:
                return
            self.state = "moving"
        self.floor += self.direction
        self.moved += 1
        if self.floor in self.stops:
            self.open_doors(t)
        elif not self.stops:
            self.state = "idle"


schedule = {0: [5], 1: [2], 3: [8, 1], 9: [0], 10: [9], 14: [3], 30: [3], 31: [12]}
e = Elevator(10)
for t in range(45):
    for floor in schedule.get(t, []):
        try:
            e.request(floor, t)
            print(f"t={t:2}: call to {floor}")
        except ValueError as err:
            print(f"t={t:2}: rejected: {err}")
    e.tick(t)
    if t % 5 == 4:
        print(f"t={t:2}: floor {e.floor}, {e.state:<6} dir {e.direction:+d}, stops {sorted(e.stops)}")
print("stops served:", [entry[2] for entry in e.log if entry[1] == "open"])
print("floors travelled:", e.moved, "final:", e.floor, e.state)
print(e.log[:6])
