{{/* Names and labels shared by every template. */}}
{{- define "cnmcp.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "cnmcp.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "cnmcp.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "cnmcp.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "cnmcp.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cnmcp.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "cnmcp.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "cnmcp.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "cnmcp.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "cnmcp.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Redis URL replicas share, when there is one: in-chart Redis, or redis.url. */}}
{{- define "cnmcp.redisUrl" -}}
{{- if .Values.redis.deploy -}}
{{- printf "redis://%s-redis:6379" (include "cnmcp.fullname" .) -}}
{{- else -}}
{{- .Values.redis.url -}}
{{- end -}}
{{- end -}}

{{- define "cnmcp.sharedState" -}}
{{- if or .Values.redis.deploy .Values.redis.url .Values.redis.urlSecret.name -}}true{{- end -}}
{{- end -}}

{{- define "cnmcp.requestStateSecret" -}}
{{- .Values.requestStateKey.secretName | default (printf "%s-request-state" (include "cnmcp.fullname" .)) -}}
{{- end -}}
