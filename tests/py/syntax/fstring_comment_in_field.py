count = 3
print(f'{count #}')
