# Build and parse IPv4 + UDP packets with struct, including the Internet checksum.
import struct

def checksum(data):
    if len(data) % 2:
        data = data + b"\x00"
    total = 0
    for (word,) in struct.iter_unpack("!H", data):
        total += word
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF

def ip_bytes(text):
    return bytes([int(part) for part in text.split(".")])

def ip_text(raw):
    return ".".join([str(b) for b in raw])

def build(src, dst, sport, dport, payload, ident):
    udp_len = 8 + len(payload)
    udp = struct.pack("!HHHH", sport, dport, udp_len, 0) + payload
    total = 20 + udp_len
    header = struct.pack("!BBHHHBBH4s4s", (4 << 4) | 5, 0, total, ident, 0x4000, 64, 17, 0,
                         ip_bytes(src), ip_bytes(dst))
    header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
    return header + udp

def parse(packet):
    ver_ihl, tos, total, ident, frag, ttl, proto, csum, src, dst = struct.unpack_from("!BBHHHBBH4s4s", packet)
    ihl = (ver_ihl & 0xF) * 4
    sport, dport, length, ucsum = struct.unpack_from("!HHHH", packet, ihl)
    payload = packet[ihl + 8: ihl + length]
    return {
        "version": ver_ihl >> 4, "ihl": ihl, "total": total, "id": ident,
        "dont_fragment": bool(frag & 0x4000), "ttl": ttl, "proto": proto,
        "header_ok": checksum(packet[:ihl]) == 0, "src": ip_text(src), "dst": ip_text(dst),
        "sport": sport, "dport": dport, "payload": payload,
    }

packets = [
    build("10.0.0.1", "10.0.0.2", 5353, 53, b"query example.org", 1),
    build("192.168.1.20", "8.8.8.8", 40000, 443, b"", 0xBEEF),
    build("127.0.0.1", "127.0.0.1", 1, 65535, bytes(range(10)), 65535),
]
for p in packets:
    print(len(p), p[:20].hex())
    info = parse(p)
    for key in sorted(info):
        print("   ", key, info[key])
corrupt = bytearray(packets[0])
corrupt[8] ^= 0xFF
print("corrupt header ok:", parse(bytes(corrupt))["header_ok"])
try:
    parse(packets[0][:10])
except struct.error as e:
    print("short packet:", e)
