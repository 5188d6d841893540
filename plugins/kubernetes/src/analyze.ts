// The rules of kubernetes_analyze_issue: recommendations from what the status, events and logs say.
export type IssueType = 'pod_crash' | 'pod_pending' | 'deployment_unavailable' | 'job_failed';

/** Recommendations for an issue, from the findings and events rendered as text. */
export function recommend(issueType: IssueType, text: string): string[] {
  const rec: string[] = [];
  if (issueType === 'pod_crash') {
    if (/OOMKilled/.test(text))
      rec.push(
        'The container was killed for exceeding its memory limit: raise resources.limits.memory or fix the leak.',
      );
    if (/ImagePull|ErrImage/.test(text))
      rec.push('The image cannot be pulled: check the image name/tag and imagePullSecrets.');
    if (/CreateContainerConfigError/.test(text))
      rec.push('A referenced ConfigMap/Secret key is missing: check envFrom/valueFrom references.');
    if (/CrashLoopBackOff|BackOff|Error/.test(text))
      rec.push(
        'The process exits on start: read previousLogs, check its configuration, environment and dependencies (database, credentials).',
      );
  } else if (issueType === 'pod_pending') {
    if (/Insufficient (cpu|memory)/.test(text))
      rec.push("No node has enough free resources: lower the pod's requests, free capacity, or add nodes.");
    if (/taint/i.test(text))
      rec.push('Nodes have taints the pod does not tolerate: add tolerations or use other nodes.');
    if (/persistentvolumeclaim|unbound/i.test(text))
      rec.push('A PersistentVolumeClaim is not bound: check the StorageClass and provisioner.');
    if (/node\(s\) didn't match|affinity|selector/i.test(text))
      rec.push('nodeSelector/affinity rules match no node: relax them or label nodes.');
  } else if (issueType === 'deployment_unavailable') {
    if (/ProgressDeadlineExceeded/.test(text))
      rec.push('The rollout exceeded its progress deadline: roll back (kubectl rollout undo) or fix the new template.');
  } else if (issueType === 'job_failed') {
    if (/BackoffLimitExceeded/.test(text))
      rec.push(
        'Every retry failed (backoffLimit reached): read the logs of the failed pods and fix the cause before re-running.',
      );
    if (/DeadlineExceeded/.test(text)) rec.push('The job ran longer than activeDeadlineSeconds.');
  }
  return rec;
}
