# string.Template and string.Formatter (CPython's string.py over _string): a mail
# merge with a Formatter subclass that understands extra conversions.
import string
import _string

t = string.Template("Dear $name, your order #${order} ships $$0.00 to $city.")
print(t.substitute(name="Ada", order=42, city="London"))
print(t.safe_substitute(name="Bob"))
print(t.get_identifiers(), t.is_valid())
try:
    t.substitute(name="X")
except KeyError as e:
    print("KeyError:", e)
try:
    string.Template("cost: $").substitute()
except ValueError as e:
    print("ValueError:", e)


class PercentTemplate(string.Template):
    delimiter = "%"
    idpattern = r"[a-z]+"


print(PercentTemplate("%greet, %who! 100%% sure").substitute(greet="Hi", who="there"))


class MailFormatter(string.Formatter):
    def convert_field(self, value, conversion):
        if conversion == "u":
            return str(value).upper()
        if conversion == "t":
            return str(value).title()
        return super().convert_field(value, conversion)

    def get_value(self, key, args, kwargs):
        if isinstance(key, str) and key not in kwargs:
            return "<" + key + "?>"
        return super().get_value(key, args, kwargs)

    def format_field(self, value, spec):
        if spec == "money":
            return "${:,.2f}".format(value)
        return super().format_field(value, spec)


f = MailFormatter()
rows = [{"name": "ada lovelace", "balance": 1234.5, "city": "london"},
        {"name": "alan turing", "balance": -7.25}]
for row in rows:
    print(f.format("{name!t:<15}|{balance:money:>12}|{city!u}|{0}", "#", **row))
print(f.format("{0[1]} {1.real} {k[x]:>{w}}", "ab", 3j, k={"x": "y"}, w=4))
print(list(f.parse("a{0!r:>10}b{{c}}d{x.y[3]:{w}}e}}")))
print(string.Formatter().vformat("{} and {}", ("one", "two"), {}))
try:
    string.Formatter().format("{} {1}", 1, 2)
except ValueError as e:
    print("ValueError:", e)
for bad in ["{", "}", "{0!}", "{0!x:}", "{a{b}", "{0:{", "{0.}"]:
    try:
        print(string.Formatter().format(bad, 1, a=1))
    except (ValueError, AttributeError, KeyError, IndexError) as e:
        print(type(e).__name__ + ":", e)
first, rest = _string.formatter_field_name_split("obj.attr[0][key].x")
print(first, list(rest))
print(_string.formatter_field_name_split("10")[0] + 1)
print(string.capwords("hello   wide world"), string.ascii_letters[:5], string.printable[-6:] == string.whitespace)
