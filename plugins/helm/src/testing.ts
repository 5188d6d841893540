// @cnmcp/plugin-helm/testing — a static chart repository server for tests (the cluster is the Kubernetes emulator).
export { startChartRepository, type ChartRepository } from '../test/emulator/chart-repo.js';
