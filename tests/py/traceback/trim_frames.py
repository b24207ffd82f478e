# A tiny test runner that reports failures without its own frames, the way
# unittest does: it walks the traceback (tb_frame.f_globals marks its own code)
# and cuts the chain with tb_next = None, then formats with Lib's traceback.
import traceback

__unittest = True


def run_case(case):
    try:
        case()
    except Exception as e:
        tb = e.__traceback__
        # Skip the runner's own frames at the top...
        while tb is not None and "__unittest" in tb.tb_frame.f_globals and tb.tb_frame.f_code.co_name == "run_case":
            tb = tb.tb_next
        print("".join(traceback.format_exception(type(e), e, tb)), end="")
        return e


def parse_port(text):
    return int(text.split(":")[1])


def check_config():
    assert parse_port("localhost:80") == 80
    parse_port("localhost")


err = run_case(check_config)
tb = err.__traceback__
names = []
while tb is not None:
    names.append((tb.tb_frame.f_code.co_name, tb.tb_lineno, tb.tb_lasti >= 0))
    tb = tb.tb_next
print(names)
# Cut everything below check_config, as unittest's _remove_unittest_tb_frames does.
err.__traceback__.tb_next.tb_next = None
print("".join(traceback.format_tb(err.__traceback__)), end="")
try:
    err.__traceback__.tb_next = 5
except TypeError as e:
    print("TypeError:", e)
summary = traceback.extract_tb(err.__traceback__)
print([(f.name, f.lineno, f.line) for f in summary])
