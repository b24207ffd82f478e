class Parser:
    def __init__(self, text):
        self.text = text

    def parse(self):
        return [self.item(t) for t in self.text.split(",")]

    def item(self, t):
        return int(t)


print(Parser("1,2,3").parse())
Parser("1,x").parse()
