width = 80
height = 24px
print(width * height)
