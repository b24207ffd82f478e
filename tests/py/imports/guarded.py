# helper module: also a program when run directly
def main():
    print("guarded.main() ran")


print("guarded body runs with __name__ =", __name__)
if __name__ == "__main__":
    main()
