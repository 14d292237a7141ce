# Health endpoint of catalog-service, direct and through the gateway (with a real Keycloak token,
# so the gateway verifies it on every request before streaming to the service).
bench_health() {
  wait_ready http://127.0.0.1:8081/q/health/ready
  wait_ready http://127.0.0.1:8080/q/health/ready
  local token; token="$(demo_token alice)"
  print_header
  http_load "catalog /q/health/live, direct" http://127.0.0.1:8081/q/health/live
  http_load "catalog health/live via gateway (token)" http://127.0.0.1:8080/api/v1/catalog/health/live \
    "Authorization: Bearer $token"
  http_load "catalog /q/health/ready, direct" http://127.0.0.1:8081/q/health/ready
  http_load "catalog health/ready via gateway (token)" http://127.0.0.1:8080/api/v1/catalog/health/ready \
    "Authorization: Bearer $token"
}
