{{/* The chart's name, or nameOverride: the container's name and app.kubernetes.io/name. */}}
{{- define "kube-state-exporter.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The name of the StatefulSet, its Service, ServiceAccount and cluster roles: fullnameOverride, else
the release name where it contains the chart's name, else <release>-<chart>.
*/}}
{{- define "kube-state-exporter.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The namespace of every namespaced object. */}}
{{- define "kube-state-exporter.namespace" -}}
{{- default .Release.Namespace .Values.namespaceOverride -}}
{{- end -}}

{{/* Labels that select the pods: never change them on an upgrade (selectors are immutable). */}}
{{- define "kube-state-exporter.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kube-state-exporter.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of every object. */}}
{{- define "kube-state-exporter.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "kube-state-exporter.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.customLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The ServiceAccount the pods run as. */}}
{{- define "kube-state-exporter.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "kube-state-exporter.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* registry/repository:tag, or @sha256:... when image.sha is set; the tag defaults to appVersion. */}}
{{- define "kube-state-exporter.image" -}}
{{- $registry := .Values.image.registry -}}
{{- if and .Values.global .Values.global.imageRegistry -}}
{{- $registry = .Values.global.imageRegistry -}}
{{- end -}}
{{- $repository := .Values.image.repository -}}
{{- if $registry -}}
{{- $repository = printf "%s/%s" $registry $repository -}}
{{- end -}}
{{- if .Values.image.sha -}}
{{- printf "%s@sha256:%s" $repository .Values.image.sha -}}
{{- else -}}
{{- printf "%s:%s" $repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/*
The API group of every resource the exporter can export (its --resources names), for the
ClusterRole; HelmChartTest checks it against the exporter's registry of kinds.
*/}}
{{- define "kube-state-exporter.apiGroups" -}}
certificatesigningrequests: certificates.k8s.io
clusterrolebindings: rbac.authorization.k8s.io
clusterroles: rbac.authorization.k8s.io
configmaps: ""
cronjobs: batch
daemonsets: apps
deployments: apps
endpoints: ""
endpointslices: discovery.k8s.io
horizontalpodautoscalers: autoscaling
ingressclasses: networking.k8s.io
ingresses: networking.k8s.io
jobs: batch
leases: coordination.k8s.io
limitranges: ""
mutatingadmissionpolicies: admissionregistration.k8s.io
mutatingadmissionpolicybindings: admissionregistration.k8s.io
mutatingwebhookconfigurations: admissionregistration.k8s.io
namespaces: ""
networkpolicies: networking.k8s.io
nodes: ""
persistentvolumeclaims: ""
persistentvolumes: ""
poddisruptionbudgets: policy
pods: ""
replicasets: apps
replicationcontrollers: ""
resourcequotas: ""
rolebindings: rbac.authorization.k8s.io
roles: rbac.authorization.k8s.io
secrets: ""
serviceaccounts: ""
services: ""
statefulsets: apps
storageclasses: storage.k8s.io
validatingadmissionpolicies: admissionregistration.k8s.io
validatingadmissionpolicybindings: admissionregistration.k8s.io
validatingwebhookconfigurations: admissionregistration.k8s.io
volumeattachments: storage.k8s.io
{{- end -}}

{{/* A comma-separated list or a YAML list, as a list of strings. */}}
{{- define "kube-state-exporter.list" -}}
{{- if kindIs "string" . -}}
{{- toJson (compact (splitList "," (nospace .))) -}}
{{- else -}}
{{- toJson (default list .) -}}
{{- end -}}
{{- end -}}

{{/*
The settings of one ServiceMonitor endpoint, relabelings aside: called with a dict of root (the
chart's context) and endpoint (prometheus.monitor.http or .metrics). With webConfig TLS the scheme
is https and tlsConfig defaults to the Service's DNS name and the tlsSecret's ca.crt; with the auth
filter Prometheus sends its own ServiceAccount token unless the endpoint names a token.
*/}}
{{- define "kube-state-exporter.endpoint" -}}
{{- $root := .root -}}
{{- $e := .endpoint -}}
{{- $tls := eq (include "kube-state-exporter.tls" $root) "true" -}}
{{- if $e.honorLabels }}
honorLabels: true
{{- end }}
{{- with $e.interval }}
interval: {{ . }}
{{- end }}
{{- with $e.scrapeTimeout }}
scrapeTimeout: {{ . }}
{{- end }}
{{- if $e.scheme }}
scheme: {{ $e.scheme }}
{{- else if $tls }}
scheme: https
{{- end }}
{{- with $e.proxyUrl }}
proxyUrl: {{ . }}
{{- end }}
{{- if $e.enableHttp2 }}
enableHttp2: true
{{- end }}
{{- if $e.tlsConfig }}
tlsConfig:
  {{- toYaml $e.tlsConfig | nindent 2 }}
{{- else if $tls }}
tlsConfig:
  {{- with $root.Values.webConfig.tlsSecret }}
  ca:
    secret:
      name: {{ . }}
      key: ca.crt
  {{- end }}
  serverName: {{ include "kube-state-exporter.fullname" $root }}.{{ include "kube-state-exporter.namespace" $root }}.svc
{{- end }}
{{- with $e.bearerTokenFile }}
bearerTokenFile: {{ . }}
{{- end }}
{{- with $e.bearerTokenSecret }}
bearerTokenSecret:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if and $root.Values.authFilter.enabled (not $e.bearerTokenFile) (not $e.bearerTokenSecret) }}
{{- /* Deprecated by the Operator in favour of authorization, which reads Secrets only: Prometheus' own token is a file. */}}
bearerTokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
{{- end }}
{{- with $e.basicAuth }}
basicAuth:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $e.metricRelabelings }}
metricRelabelings:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* "true" when the exporter serves HTTPS: webConfig.enabled with webConfig.tls. */}}
{{- define "kube-state-exporter.tls" -}}
{{- and .Values.webConfig.enabled .Values.webConfig.tls -}}
{{- end -}}

{{/* Where the web config Secret is mounted, and the TLS Secret. */}}
{{- define "kube-state-exporter.webConfigDir" -}}
/etc/kube-state-exporter/web
{{- end -}}
{{- define "kube-state-exporter.tlsDir" -}}
/etc/kube-state-exporter/tls
{{- end -}}

{{/* The Secret holding the web config: webConfig.existingSecret, or the chart's own. */}}
{{- define "kube-state-exporter.webConfigSecret" -}}
{{- default (printf "%s-web-config" (include "kube-state-exporter.fullname" .)) .Values.webConfig.existingSecret -}}
{{- end -}}

{{/*
The inline web config as the chart writes it: webConfig.config, with cert_file and key_file of
webConfig.tlsSecret's mount where the config names no certificate of its own.
*/}}
{{- define "kube-state-exporter.webConfig" -}}
{{- $config := deepCopy .Values.webConfig.config -}}
{{- if .Values.webConfig.tlsSecret -}}
{{- $server := deepCopy (get $config "tls_server_config" | default dict) -}}
{{- if not (or $server.cert $server.cert_file) -}}
{{- $_ := set $server "cert_file" (printf "%s/tls.crt" (include "kube-state-exporter.tlsDir" .)) -}}
{{- end -}}
{{- if not (or $server.key $server.key_file) -}}
{{- $_ := set $server "key_file" (printf "%s/tls.key" (include "kube-state-exporter.tlsDir" .)) -}}
{{- end -}}
{{- $_ := set $config "tls_server_config" $server -}}
{{- end -}}
{{- toYaml $config -}}
{{- end -}}

{{/* Combinations of values the schema cannot express, each failing with one sentence. */}}
{{- define "kube-state-exporter.validate" -}}
{{- if and .Values.metricAllowlist .Values.metricDenylist -}}
{{- fail "metricAllowlist and metricDenylist exclude each other (as --metric-allowlist and --metric-denylist do): set one" -}}
{{- end -}}
{{- if and (eq .Values.autosharding.serverSideSharding "on") (ne .Values.autosharding.shardMap "consistent-ranges") -}}
{{- fail (printf "autosharding.serverSideSharding=on needs autosharding.shardMap=consistent-ranges (the API server selects hash ranges), got %q" .Values.autosharding.shardMap) -}}
{{- end -}}
{{- if and .Values.prometheusRule.enabled (not .Values.selfMonitor.enabled) -}}
{{- fail "prometheusRule.enabled needs selfMonitor.enabled: the rules read the exporter's telemetry, which only selfMonitor scrapes" -}}
{{- end -}}
{{- if eq (int .Values.service.port) (int .Values.selfMonitor.telemetryPort) -}}
{{- fail (printf "service.port and selfMonitor.telemetryPort are both %v: the exporter serves two ports" .Values.service.port) -}}
{{- end -}}
{{- include "kube-state-exporter.validateWebAccess" . -}}
{{- end -}}

{{/* Combinations of the TLS and auth values the schema cannot express. */}}
{{- define "kube-state-exporter.validateWebAccess" -}}
{{- $web := .Values.webConfig -}}
{{- if $web.enabled -}}
{{- if and $web.config $web.existingSecret -}}
{{- fail "webConfig.config and webConfig.existingSecret exclude each other: give the web config inline or name the Secret holding it" -}}
{{- end -}}
{{- if not (or $web.config $web.existingSecret) -}}
{{- fail "webConfig.enabled needs webConfig.config (the web config inline) or webConfig.existingSecret (a Secret holding it)" -}}
{{- end -}}
{{- if and $web.tls $web.config (not $web.config.tls_server_config) (not $web.tlsSecret) -}}
{{- fail "webConfig.tls is true but webConfig.config has no tls_server_config and webConfig.tlsSecret is empty: name the certificate's Secret, or set webConfig.tls=false for plain HTTP" -}}
{{- end -}}
{{- if and (not $web.tls) (or $web.tlsSecret (and $web.config $web.config.tls_server_config)) -}}
{{- fail "webConfig.tls is false but the web config has a certificate (webConfig.tlsSecret or webConfig.config.tls_server_config): set webConfig.tls=true" -}}
{{- end -}}
{{- if and $web.config $web.config.basic_auth_users -}}
{{- if .Values.authFilter.enabled -}}
{{- fail "webConfig.config.basic_auth_users and authFilter.enabled exclude each other: both read the Authorization header, so no request could pass both" -}}
{{- end -}}
{{- range $probe := list "livenessProbe" "readinessProbe" -}}
{{- $authorized := false -}}
{{- range (index $.Values $probe).httpGet | default dict | dig "httpHeaders" list -}}
{{- if eq (lower .name) "authorization" -}}
{{- $authorized = true -}}
{{- end -}}
{{- end -}}
{{- if not $authorized -}}
{{- fail (printf "webConfig.config.basic_auth_users also guards the probes (as in KSM): set %s.httpGet.httpHeaders with an Authorization header, or use authFilter or client certificates instead" $probe) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if and .Values.prometheus.monitor.enabled (eq (include "kube-state-exporter.tls" .) "true") (not $web.tlsSecret) -}}
{{- range $name := list "http" "metrics" -}}
{{- if and (or (eq $name "http") $.Values.selfMonitor.enabled) (not (index $.Values.prometheus.monitor $name).tlsConfig) -}}
{{- fail (printf "prometheus.monitor.%s.tlsConfig is needed with webConfig TLS and no webConfig.tlsSecret: the CA Prometheus verifies the exporter's certificate with (ca, or insecureSkipVerify)" $name) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $scraper := .Values.authFilter.scraperRole -}}
{{- if or $scraper.create $scraper.serviceAccounts -}}
{{- if not .Values.authFilter.enabled -}}
{{- fail "authFilter.scraperRole needs authFilter.enabled: without --auth-filter the exporter checks no token" -}}
{{- end -}}
{{- if not .Values.rbac.create -}}
{{- fail "authFilter.scraperRole needs rbac.create: with rbac.create=false the chart creates no RBAC object" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
The scheme and headers of a probe's httpGet (root: the chart's context, probe: livenessProbe or
readinessProbe): the probe's httpGet.scheme, else HTTPS with webConfig TLS; its httpGet.httpHeaders.
*/}}
{{- define "kube-state-exporter.probeGet" -}}
{{- $get := .probe.httpGet | default dict -}}
{{- if $get.scheme }}
scheme: {{ upper $get.scheme }}
{{- else if eq (include "kube-state-exporter.tls" .root) "true" }}
scheme: HTTPS
{{- end }}
{{- with $get.httpHeaders }}
httpHeaders:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
