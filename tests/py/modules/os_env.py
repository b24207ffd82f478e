import os

pid = os.getpid()
print(type(pid).__name__, pid > 0, os.getppid() > 0, pid != os.getppid())
print(os.getcwd().endswith("modules"))
print(os.environ.get("PATH") == os.getenv("PATH"), "PATH" in os.environ)
print(os.getenv("PYVM_SURELY_UNSET"), os.getenv("PYVM_SURELY_UNSET", "dflt"), os.getenv("PYVM_SURELY_UNSET", default=5))
r = os.urandom(16)
print(type(r).__name__, len(r), len(os.urandom(0)), r != os.urandom(16))
for bad in [(-1,), ("4",)]:
    try:
        os.urandom(*bad)
    except Exception as e:
        print(type(e).__name__ + ":", e)
try:
    os.getenv(1)
except TypeError as e:
    print("TypeError:", e)
os.environ["PYVM_TEST_VAR"] = "set-by-script"
print(os.getenv("PYVM_TEST_VAR"), os.environ["PYVM_TEST_VAR"])
del os.environ["PYVM_TEST_VAR"]
print(os.getenv("PYVM_TEST_VAR", "gone"))
