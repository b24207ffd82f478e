# A small JSON API on Lib's http.server, queried by Lib's http.client and
# urllib.request from several clients at once. Under pyvm the server and each
# client are micro_threads of one OS thread (every blocking socket call defers only
# its own micro_thread); under CPython, where micro_thread does not exist, they are
# OS threads. Both print the same thing.
import http.client
import http.server
import json
import socketserver
import urllib.error
import urllib.request

try:
    import micro_thread

    def spawn(f, *args):
        return micro_thread.start_in_parallel(f, *args).wait

except ImportError:
    import threading

    def spawn(f, *args):
        box = {}
        t = threading.Thread(target=lambda: box.setdefault("r", f(*args)))
        t.start()

        def wait():
            t.join()
            return box["r"]

        return wait


INVENTORY = {"apple": 3, "pear": 0}


class Api(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def reply(self, status, obj):
        body = json.dumps(obj, sort_keys=True).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        name = self.path.strip("/")
        if name in INVENTORY:
            self.reply(200, {"item": name, "count": INVENTORY[name]})
        else:
            self.reply(404, {"error": f"no item {name!r}"})

    def do_POST(self):
        data = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        INVENTORY[data["item"]] = INVENTORY.get(data["item"], 0) + data["add"]
        self.reply(201, {"item": data["item"], "count": INVENTORY[data["item"]]})

    def log_message(self, fmt, *args):
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


server = Server(("127.0.0.1", 0), Api)
port = server.server_address[1]
stop_server = spawn(server.serve_forever, 0.05)


def client(n):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    out = []
    # One keep-alive connection, several requests.
    for path in ("/apple", f"/item{n}", "/pear"):
        conn.request("GET", path)
        r = conn.getresponse()
        out.append((r.status, json.loads(r.read())))
    conn.request("POST", "/", body=json.dumps({"item": f"box{n}", "add": n}),
                 headers={"Content-Type": "application/json"})
    r = conn.getresponse()
    out.append((r.status, r.getheader("Content-Type"), json.loads(r.read())))
    conn.close()
    return out


waits = [spawn(client, n) for n in range(4)]
for n, wait in enumerate(waits):
    print(n, wait())

with urllib.request.urlopen(f"http://127.0.0.1:{port}/apple", timeout=10) as r:
    print(r.status, r.headers["Content-Length"], json.load(r))
try:
    urllib.request.urlopen(f"http://127.0.0.1:{port}/plum", timeout=10)
except urllib.error.HTTPError as e:
    print("HTTPError", e.code, e.reason, json.load(e))

server.shutdown()
stop_server()
server.server_close()
print(sorted(INVENTORY.items()))
