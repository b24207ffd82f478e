import chameleon

print(type(chameleon).__name__, chameleon)
import chameleon as again
print(again is chameleon)
