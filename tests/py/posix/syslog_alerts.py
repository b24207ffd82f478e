# An alerting daemon's logging: it opens the system log with its own identity, also
# copies every record to stderr (LOG_PERROR, which is what an operator watching the
# console sees, and what this test checks), filters by priority with setlogmask,
# and falls back to the script's name when it logs before openlog().
import sys
import syslog

levels = ["LOG_EMERG", "LOG_ALERT", "LOG_CRIT", "LOG_ERR", "LOG_WARNING", "LOG_NOTICE", "LOG_INFO", "LOG_DEBUG"]
print({name: getattr(syslog, name) for name in levels})
print("facilities:", syslog.LOG_USER, syslog.LOG_DAEMON, syslog.LOG_LOCAL0, syslog.LOG_LOCAL7, syslog.LOG_AUTHPRIV)
print("options:", syslog.LOG_PID, syslog.LOG_CONS, syslog.LOG_NDELAY, syslog.LOG_PERROR)
print("masks:", syslog.LOG_MASK(syslog.LOG_ERR), syslog.LOG_UPTO(syslog.LOG_WARNING))

syslog.openlog("alertd", syslog.LOG_PERROR, syslog.LOG_DAEMON)
alerts = [(syslog.LOG_CRIT, "disk /var at 99%"), (syslog.LOG_WARNING, "load 12.5 for 5 minutes"),
          (syslog.LOG_INFO, "heartbeat ok"), (syslog.LOG_DEBUG, "poll took 3 ms")]
old = syslog.setlogmask(syslog.LOG_UPTO(syslog.LOG_WARNING))
print("mask was", old)
sys.stdout.flush()
for priority, text in alerts:
    syslog.syslog(priority, text)
print("mask now", syslog.setlogmask(0), "(0 leaves it)", syslog.setlogmask(old))
syslog.syslog("percent signs stay: 100% %s %d")
syslog.closelog()
syslog.openlog(ident="alertd-child", logoption=syslog.LOG_PERROR, facility=syslog.LOG_LOCAL3)
syslog.syslog(syslog.LOG_NOTICE, "child started")
syslog.closelog()

for bad in [lambda: syslog.syslog(), lambda: syslog.syslog(3), lambda: syslog.syslog(1, 2, 3),
            lambda: syslog.openlog(42), lambda: syslog.openlog(unknown=1), lambda: syslog.setlogmask("all")]:
    try:
        print("no error:", bad())
    except TypeError as e:
        print("TypeError", e)
