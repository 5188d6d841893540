// The cluster for the tests: the Kubernetes emulator, plus charts made by real helm (`helm create`, a Secret
// template, `helm package`) and releases written by real helm, so the plugin reads what Helm itself stores.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKubeEmulator, type KubeEmulator } from '@cnmcp/plugin-kubernetes/testing';
import { runHelm, type HelmHomes } from './helm-binary.js';

export interface Cluster {
  emu: KubeEmulator;
  helm: string;
  /** Scratch directory of this setup. */
  work: string;
  /** Packaged charts (.tgz) and chart directories. */
  charts: string;
  /** helm's homes for the test's own helm commands (not the plugin's). */
  homes: HelmHomes;
  /** Runs real helm against the emulator. */
  helmCmd(args: string[], opts?: { driver?: string }): Promise<string>;
  /** helm … -o json, parsed. */
  helmJson<T = any>(args: string[], opts?: { driver?: string }): Promise<T>;
  /** Makes a chart with `helm create` (plus a Secret holding .Values.password) and packages it; returns the .tgz path. */
  makeChart(name: string, version: string, opts?: { appVersion?: string; configMapOnly?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export async function startCluster(helm: string): Promise<Cluster> {
  const emu = await startKubeEmulator();
  const work = mkdtempSync(join(tmpdir(), 'cnmcp-helm-test-'));
  const charts = join(work, 'charts');
  mkdirSync(charts);
  const homes = {
    HELM_CONFIG_HOME: join(work, 'helm', 'config'),
    HELM_CACHE_HOME: join(work, 'helm', 'cache'),
    HELM_DATA_HOME: join(work, 'helm', 'data'),
  };
  const helmCmd = (args: string[], opts: { driver?: string } = {}) =>
    runHelm(helm, args, { kubeconfig: emu.kubeconfigPath, homes, cwd: work, driver: opts.driver });
  return {
    emu,
    helm,
    work,
    charts,
    homes,
    helmCmd,
    async helmJson(args, opts) {
      return JSON.parse(await helmCmd([...args, '-o', 'json'], opts));
    },
    async makeChart(name, version, opts = {}) {
      const src = join(work, 'src', `${name}-${version}`);
      mkdirSync(src, { recursive: true });
      await helmCmd(['create', join(src, name)]);
      const dir = join(src, name);
      const chartYaml = join(dir, 'Chart.yaml');
      let meta = readFileSync(chartYaml, 'utf8').replace(/^version: .*$/m, `version: ${version}`);
      if (opts.appVersion) meta = meta.replace(/^appVersion: .*$/m, `appVersion: "${opts.appVersion}"`);
      writeFileSync(chartYaml, meta);
      if (opts.configMapOnly) {
        rmSync(join(dir, 'templates'), { recursive: true });
        mkdirSync(join(dir, 'templates'));
        writeFileSync(
          join(dir, 'templates', 'configmap.yaml'),
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\ndata:\n  greeting: {{ .Values.greeting | default "hello" | quote }}\n',
        );
        writeFileSync(join(dir, 'values.yaml'), 'greeting: hello\n');
      } else {
        writeFileSync(
          join(dir, 'templates', 'secret.yaml'),
          'apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ include "' +
            name +
            '.fullname" . }}-auth\ntype: Opaque\ndata:\n  password: {{ .Values.password | b64enc | quote }}\n',
        );
        writeFileSync(
          join(dir, 'values.yaml'),
          readFileSync(join(dir, 'values.yaml'), 'utf8') + '\npassword: chart-default-pw\n',
        );
      }
      await helmCmd(['package', dir, '--destination', charts]);
      return join(charts, `${name}-${version}.tgz`);
    },
    async close() {
      await emu.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** helm install/upgrade flags the emulator needs: it serves no OpenAPI document for client-side validation. */
export const NO_OPENAPI = '--disable-openapi-validation';
