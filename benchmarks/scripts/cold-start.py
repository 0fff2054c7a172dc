"""Cold start of the apimart command (issue 16): from process start to the first request arriving
at a local server, as medians of N runs, and as a ratio to a hello-world `java -cp` in the same run.

    ./apimart --version            # builds cli/target/apimart-cli.jar and its class-data archive
    python3 benchmarks/scripts/cold-start.py [N]

Needs only python3 and the JDK's java/javac on the PATH. The local server answers 401, so nothing
is generated and the command exits at once after its first request.
"""
import subprocess, time, threading, statistics, http.server, socketserver, os, sys, tempfile
ROOT=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR=os.path.join(ROOT,"cli/target/apimart-cli.jar")
import glob
ARCHIVES=sorted(glob.glob(os.path.join(ROOT,"cli/target/apimart-cli-java*.jsa"))+glob.glob(os.path.join(ROOT,"cli/target/apimart-cli-java*.aot")),key=os.path.getmtime)
HELLO=tempfile.mkdtemp()
with open(os.path.join(HELLO,"Hello.java"),"w") as f:
    f.write('public class Hello { public static void main(String[] a) { System.out.println("hi"); } }')
with open(os.path.join(HELLO,"RawPost.java"),"w") as f:
    # The floor: the JDK's own HTTP client posting a fixed JSON body, nothing else.
    f.write('import java.net.URI; import java.net.http.*; public class RawPost { public static void main(String[] a) throws Exception {'
            ' HttpClient c = HttpClient.newHttpClient(); c.send(HttpRequest.newBuilder(URI.create(a[0])).header("Content-Type","application/json")'
            '.POST(HttpRequest.BodyPublishers.ofString("{\\"model\\":\\"z-image-turbo\\",\\"prompt\\":\\"a cat\\"}")).build(), HttpResponse.BodyHandlers.ofString()); } }')
subprocess.run(["javac","-d",HELLO,os.path.join(HELLO,"Hello.java"),os.path.join(HELLO,"RawPost.java")],check=True)
arrived=[]
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        arrived.append(time.monotonic())
        self.send_response(401); self.send_header("Content-Type","application/json"); self.end_headers()
        self.wfile.write(b'{"error":{"code":401,"message":"bad key","type":"authentication_error"}}')
    do_GET=do_POST
    def log_message(self,*a): pass
srv=socketserver.ThreadingTCPServer(("127.0.0.1",0),H); port=srv.server_address[1]
threading.Thread(target=srv.serve_forever,daemon=True).start()
def run(cmd):
    t0=time.monotonic(); subprocess.run(cmd,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL); return time.monotonic()-t0
def first_request(cmd):
    arrived.clear(); t0=time.monotonic(); subprocess.run(cmd,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)
    return (arrived[0]-t0) if arrived else float('nan')
N=int(sys.argv[1]) if len(sys.argv)>1 else 10
base=["--base-url",f"http://127.0.0.1:{port}","--api-key","sk-x"]
res={}
res["hello java -cp"]=[run(["java","-cp",HELLO,"Hello"]) for _ in range(N)]
res["java -jar --version"]=[run(["java","-jar",JAR,"--version"]) for _ in range(N)]
if not ARCHIVES: print("no class-data archive: run ./apimart --version first"); sys.exit(2)
archive=ARCHIVES[-1]
use=[f"-XX:AOTCache={archive}"] if archive.endswith(".aot") else [f"-XX:SharedArchiveFile={archive}","-Xshare:auto"]
flags=["java"]+use+["-Xlog:disable","-XX:TieredStopAtLevel=1","-XX:+UseSerialGC","-XX:-UsePerfData","-jar",JAR]
launcher=[os.path.join(ROOT,"apimart")]
raw_jsa=os.path.join(HELLO,"raw.jsa")
subprocess.run(["java",f"-XX:ArchiveClassesAtExit={raw_jsa}","-Xlog:disable","-cp",HELLO,"RawPost",f"http://127.0.0.1:{port}/v1/images/generations"],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)
res["first request: raw HttpClient POST (CDS, C1)"]=[first_request(["java",f"-XX:SharedArchiveFile={raw_jsa}","-Xlog:disable","-XX:TieredStopAtLevel=1","-XX:+UseSerialGC","-XX:-UsePerfData","-cp",HELLO,"RawPost",f"http://127.0.0.1:{port}/v1/images/generations"]) for _ in range(N)]
res["launcher flags --version"]=[run(flags+["--version"]) for _ in range(N)]
res["first request: java -jar generate"]=[first_request(["java","-jar",JAR,"generate","a cat"]+base) for _ in range(N)]
res["first request: launcher flags generate"]=[first_request(flags+["generate","a cat"]+base) for _ in range(N)]
res["first request: ./apimart generate"]=[first_request(launcher+["generate","a cat"]+base) for _ in range(N)]
print("archive:",os.path.basename(archive))
for k,v in res.items(): print(f"{k:40s} median {statistics.median(v)*1000:7.0f} ms  min {min(v)*1000:6.0f}")
h=statistics.median(res["hello java -cp"])
for k in ["first request: raw HttpClient POST (CDS, C1)","first request: java -jar generate","first request: launcher flags generate","first request: ./apimart generate"]:
    print(f"ratio {k}: {statistics.median(res[k])/h:.1f}x hello")
