# A number formatter across locales: `_locale` under Lib's `locale`, with the
# C and POSIX locales (always there) and C.UTF-8 where the C library has it.
import locale
import _locale


def report(title, value):
    conv = locale.localeconv()
    print(f"{title}: point={conv['decimal_point']!r} sep={conv['thousands_sep']!r}"
          f" grouping={conv['grouping']} ->"
          f" {locale.format_string('%.2f', value, grouping=True)}"
          f" {locale.format_string('%d', 1234567, grouping=True)}"
          f" {locale.str(value)} {locale.atof('2.5') * 2}")


for name in ("C", "POSIX"):
    print("setlocale ->", locale.setlocale(locale.LC_ALL, name))
    report(name, 1234567.891)
    print("  getlocale:", locale.getlocale(), locale.getlocale(locale.LC_NUMERIC))
    print("  codeset:", _locale.nl_langinfo(_locale.CODESET) in ("ANSI_X3.4-1968", "UTF-8"))
    print("  days:", [_locale.nl_langinfo(getattr(_locale, f"ABDAY_{i}")) for i in range(1, 8)])
    print("  months:", [_locale.nl_langinfo(getattr(_locale, f"MON_{i}")) for i in (1, 6, 12)])
    print("  formats:", [_locale.nl_langinfo(getattr(_locale, k)) for k in
                         ("D_T_FMT", "D_FMT", "T_FMT", "T_FMT_AMPM", "AM_STR", "RADIXCHAR",
                          "THOUSEP", "YESEXPR", "NOEXPR", "CRNCYSTR")])
    print("  sorted:", sorted(["beta", "Alpha", "alpha", "Beta"], key=locale.strxfrm),
          locale.strcoll("a", "b") < 0, locale.strcoll("b", "a") > 0, locale.strcoll("x", "x"))
    conv = _locale.localeconv()
    print("  monetary:", {k: conv[k] for k in ("int_frac_digits", "p_sign_posn", "mon_grouping", "currency_symbol")})

for category in ("LC_CTYPE", "LC_COLLATE", "LC_TIME", "LC_NUMERIC", "LC_MONETARY", "LC_MESSAGES", "LC_ALL"):
    print(category, getattr(locale, category), locale.setlocale(getattr(locale, category), "C"))
print("CHAR_MAX", locale.CHAR_MAX, locale.Error.__module__, locale.Error is _locale.Error)

for label, call in [
    ("bad name", lambda: locale.setlocale(locale.LC_ALL, "no_SUCH.locale")),
    ("bad category", lambda: _locale.setlocale(12345, "C")),
    ("category type", lambda: _locale.setlocale("LC_ALL")),
    ("locale type", lambda: _locale.setlocale(0, 5)),
    ("nul", lambda: _locale.setlocale(0, "C\0")),
    ("langinfo", lambda: _locale.nl_langinfo(999)),
    ("strcoll type", lambda: _locale.strcoll(1, "b")),
    ("strxfrm nul", lambda: _locale.strxfrm("a\0b")),
]:
    try:
        call()
    except Exception as e:
        print(f"{label}: {type(e).__name__}: {e}")

try:
    locale.setlocale(locale.LC_ALL, "C.UTF-8")
except locale.Error:
    print("no C.UTF-8 here")
else:
    print("C.UTF-8 codeset:", _locale.nl_langinfo(_locale.CODESET))
    print(sorted(["é", "e", "f", "z", "É"], key=locale.strxfrm))
locale.setlocale(locale.LC_ALL, "C")
print(locale.setlocale(locale.LC_ALL))
