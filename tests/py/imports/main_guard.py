import sys
import guarded

print("__name__ here:", __name__)
if __name__ == "__main__":
    print("running as the main program")
    guarded.main()
print(sys.modules["__main__"].__name__, sys.modules["guarded"].__name__)
main_value = 7
import main_guard_twin
