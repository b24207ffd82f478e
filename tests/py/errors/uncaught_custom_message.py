def withdraw(balance, amount):
    if amount > balance:
        raise ValueError(f"cannot withdraw {amount}: balance is only {balance}")
    return balance - amount

b = withdraw(100, 30)
print(b)
b = withdraw(b, 500)
