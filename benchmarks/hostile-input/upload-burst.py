#!/usr/bin/env python3
"""Memory of `dfd serve` through a burst of concurrent 39-megapixel uploads, and after it.
Usage: upload-burst.py DFD CATALOG IMAGE [CONCURRENT=8]
Prints the server's resident memory before, at the peak of the burst, and 5 s after the last answer."""
import os, re, socket, subprocess, sys, threading, time, urllib.request, uuid

dfd, catalog, image = sys.argv[1:4]
concurrent = int(sys.argv[4]) if len(sys.argv) > 4 else 8
body_bytes = open(image, "rb").read()
sock = socket.socket(); sock.bind(("127.0.0.1", 0)); port = sock.getsockname()[1]; sock.close()
server = subprocess.Popen([dfd, "serve", "--db", catalog, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
while "serving" not in server.stderr.readline():
    pass

def rss():
    return int(re.search(r"VmRSS:\s+(\d+)", open(f"/proc/{server.pid}/status").read()).group(1)) // 1024

peak = 0
stop = False
def watch():
    global peak
    while not stop:
        peak = max(peak, rss()); time.sleep(0.05)

statuses = []
def upload():
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"x.webp\"\r\nContent-Type: image/webp\r\n\r\n").encode() + body_bytes + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/search/image?k=3", data=body, method="POST", headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        with urllib.request.urlopen(request, timeout=600) as answer:
            statuses.append(answer.status)
    except urllib.error.HTTPError as error:
        statuses.append(error.code)

before = rss()
watcher = threading.Thread(target=watch); watcher.start()
started = time.time()
threads = [threading.Thread(target=upload) for _ in range(concurrent)]
for t in threads: t.start()
for t in threads: t.join()
burst = time.time() - started
time.sleep(5)
after = rss()
stop = True; watcher.join()
server.terminate(); server.wait()
print(f"uploads={concurrent} statuses={sorted(statuses)} burst_s={burst:.1f} rss_mb before={before} peak={peak} after_5s_idle={after}")
