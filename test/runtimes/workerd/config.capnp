# workerd config for the runtime matrix. The runner fills in the {{…}} values: the bundled
# worker and its text bindings (e.g. the gateway it must reach on 127.0.0.1). Port 0 is reported back on --control-fd.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .smokeWorker),
    # Workers may not reach local addresses by default; the gateway lives on 127.0.0.1.
    (name = "loopback", network = (allow = ["local", "private", "public"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);

const smokeWorker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "{{WORKER_FILE}}") ],
  compatibilityDate = "2025-09-01",
  globalOutbound = "loopback",
  bindings = [
{{BINDINGS}}
  ],
);
