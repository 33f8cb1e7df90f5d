import subprocess, time, json, shutil, os, sys, glob
import pathlib
dll = str(pathlib.Path(__file__).resolve().parents[1] / "src/DrawingFromDiffusion.Cli/bin/Release/net10.0/dfd.dll")
lib = "/tmp/cl-watch/lib"; db = "/tmp/cl-watch/cat.db"
shutil.rmtree(lib, ignore_errors=True); os.makedirs(lib)
for f in glob.glob(db + "*"): os.remove(f)
srcs = sorted(glob.glob("/usr/share/openclipart/png/**/*.png", recursive=True))[:int(sys.argv[1]) if len(sys.argv)>1 else 10]
p = subprocess.Popen(["dotnet", dll, "watch", lib, "--db", db, "--json", "--device", "cpu"], stdout=subprocess.PIPE, text=True)
def nxt():
    while True:
        line = p.stdout.readline()
        if not line: raise SystemExit("ended")
        e = json.loads(line)
        if e["event"] == "watching" or e.get("added") or e.get("removed") or e.get("embedded"): return e
print(nxt())
lat = []
for i, s in enumerate(srcs):
    t0 = time.time()
    shutil.copy(s, os.path.join(lib, f"f{i}.png"))
    t1 = time.time()
    e = nxt(); t2 = time.time()
    lat.append(t2 - t1); print(f"{os.path.getsize(s)} bytes: {t2-t1:.2f} s after last write; batch {e['elapsed_seconds']} s, embedded {e['embedded']}")
lat.sort(); print("median", lat[len(lat)//2], "max", lat[-1])
p.send_signal(2); p.wait()
