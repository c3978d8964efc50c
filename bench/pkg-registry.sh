# Sourced by bench/pkg-bench.sh and bench/sqlite-apply-floor.sh. bench_registry "JAVA -jar JAR": makes the benchmark
# community's key pair (community.key, community.pub) and its label registry (registry.json) in the current folder:
# the two generated layers, every attribute, no territory polygon.
bench_registry() {
  $1 keygen --out community >/dev/null
  local pub
  pub=$(grep -v -- ----- community.pub | tr -d '\n')
  cat > registry.json <<JSON
{"format":"bdfsync-registry/1","communities":[{"id":"bench","name":"Benchmark community","publicKey":"$pub",
"themes":["vegetation","hydrographie"],"layers":{"zone_de_vegetation":["*"],"troncon_hydrographique":["*"]},
"territory":{"departements":[],"polygon":null,"srid":2154}}]}
JSON
}
