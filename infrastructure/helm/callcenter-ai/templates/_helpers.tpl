{{/* Labels on every object and pod template (never in selectors). */}}
{{- define "callcenter.labels" -}}
app.kubernetes.io/part-of: callcenter-ai
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
callcenter-ai/environment: {{ .Values.environment }}
{{- end }}
