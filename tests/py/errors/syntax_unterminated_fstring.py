greeting = f'hello {1 + 1}
