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

{{/* The settings of one ServiceMonitor endpoint (prometheus.monitor.http or .metrics), relabelings aside. */}}
{{- define "kube-state-exporter.endpoint" -}}
{{- if .honorLabels }}
honorLabels: true
{{- end }}
{{- with .interval }}
interval: {{ . }}
{{- end }}
{{- with .scrapeTimeout }}
scrapeTimeout: {{ . }}
{{- end }}
{{- with .scheme }}
scheme: {{ . }}
{{- end }}
{{- with .proxyUrl }}
proxyUrl: {{ . }}
{{- end }}
{{- if .enableHttp2 }}
enableHttp2: true
{{- end }}
{{- with .tlsConfig }}
tlsConfig:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .bearerTokenSecret }}
bearerTokenSecret:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .metricRelabelings }}
metricRelabelings:
  {{- toYaml . | nindent 2 }}
{{- end }}
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
{{- end -}}
