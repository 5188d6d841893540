// The fixture the official MCP conformance suite (`conformance server`) calls by fixed names: test_* tools,
// test:// resources and test_* prompts. Every behaviour goes through the public plugin API, so the suite
// checks the core's transports and pipeline, not a side door.
import {
  Prompt,
  Resource,
  Service,
  Tool,
  Type,
  acceptedContent,
  defineErrors,
  inject,
  inputRequired,
  inputResponse,
  tokens,
  type CallToolResult,
  type GetPromptResult,
  type InputRequests,
  type Notifier,
  type PluginLifecycle,
  type Static,
  type ToolContext,
} from '@cnmcp/core';

/** A 1×1 red PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
/** A minimal WAV file. */
const WAV = 'UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=';
const WATCHED = 'test://watched-resource';
const DYNAMIC_TOOL = 'test_dynamic_tool';

const NO_SIDE_EFFECTS = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
} as const;
const ASKS_CLIENT = { readOnlyHint: true, destructiveHint: false, idempotentHint: false, openWorldHint: true } as const;
/** Changes only what this server lists or reports (never destructive, so never needs a confirmation). */
const CHANGES_SERVER = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: false,
} as const;

export const TestErrors = defineErrors({
  TEST_ERR_INTENTIONAL: {
    summary: 'test_error_handling always fails, to check how errors are reported.',
    hint: 'Nothing to fix: this error is the expected outcome.',
  },
});

export const ConformanceConfigSchema = Type.Object(
  {
    watchedIntervalMs: Type.Integer({
      default: 3_000,
      minimum: 100,
      description: 'How often test://watched-resource reports an update.',
    }),
  },
  { additionalProperties: false, default: {} },
);
export type ConformanceConfig = Static<typeof ConformanceConfigSchema>;

const Empty = Type.Object({});
const SamplingInput = Type.Object({ prompt: Type.String({ description: 'The prompt to send to the LLM' }) });
const RegionInput = Type.Object({
  region: Type.String({
    description: 'A region name; clients send it in the Mcp-Param-Region header too',
    'x-mcp-header': 'Region',
  }),
});
const ElicitationInput = Type.Object({ message: Type.String({ description: 'The message to show the user' }) });

const _text = (value: string): CallToolResult => ({ content: [{ type: 'text', text: value }] });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A form elicitation asking for one string field. */
function askString(message: string, field: string) {
  return inputRequired.elicit({
    message,
    requestedSchema: { type: 'object', properties: { [field]: { type: 'string' } }, required: [field] },
  });
}

/** The text of a sampling answer, whichever shape the client used. */
function samplingText(response: unknown): string | undefined {
  const view = inputResponse({ r: response }, 'r');
  if (view.kind !== 'sampling') return undefined;
  const content = view.result.content as { type?: string; text?: string } | Array<{ type?: string; text?: string }>;
  const first = Array.isArray(content) ? content[0] : content;
  return first?.type === 'text' ? first.text : undefined;
}

@Service({
  name: 'test',
  title: 'MCP conformance fixture',
  core: '^0.1.0',
  config: ConformanceConfigSchema,
  description: 'Tools, resources and prompts with the names and payloads the official MCP conformance suite expects.',
})
export class ConformancePlugin implements PluginLifecycle {
  private timer?: NodeJS.Timeout;
  private watchedVersion = 0;

  constructor(
    @inject(tokens.config) private readonly config: ConformanceConfig,
    @inject(tokens.notifier) private readonly notifier: Notifier,
  ) {}

  init(): void {
    // test://watched-resource changes on a timer; subscribed clients get notifications/resources/updated.
    this.timer = setInterval(() => {
      this.watchedVersion += 1;
      this.notifier.resourceUpdated(WATCHED);
    }, this.config.watchedIntervalMs);
    this.timer.unref();
  }

  dispose(): void {
    clearInterval(this.timer);
  }

  // ----- content types -----

  @Tool({
    name: 'test_simple_text',
    description: 'Tests simple text content response',
    input: Empty,
    annotations: NO_SIDE_EFFECTS,
  })
  simpleText() {
    return 'This is a simple text response for testing.';
  }

  @Tool({
    name: 'test_image_content',
    description: 'Tests image content response',
    input: Empty,
    annotations: NO_SIDE_EFFECTS,
  })
  imageContent(): CallToolResult {
    return { content: [{ type: 'image', data: PNG, mimeType: 'image/png' }] };
  }

  @Tool({
    name: 'test_audio_content',
    description: 'Tests audio content response',
    input: Empty,
    annotations: NO_SIDE_EFFECTS,
  })
  audioContent(): CallToolResult {
    return { content: [{ type: 'audio', data: WAV, mimeType: 'audio/wav' }] };
  }

  @Tool({
    name: 'test_embedded_resource',
    description: 'Tests embedded resource content response',
    input: Empty,
    annotations: NO_SIDE_EFFECTS,
  })
  embeddedResource(): CallToolResult {
    return {
      content: [
        {
          type: 'resource',
          resource: {
            uri: 'test://embedded-resource',
            mimeType: 'text/plain',
            text: 'This is an embedded resource content.',
          },
        },
      ],
    };
  }

  @Tool({
    name: 'test_multiple_content_types',
    description: 'Tests response with multiple content types (text, image, resource)',
    input: Empty,
    annotations: NO_SIDE_EFFECTS,
  })
  multipleContentTypes(): CallToolResult {
    return {
      content: [
        { type: 'text', text: 'Multiple content types test:' },
        { type: 'image', data: PNG, mimeType: 'image/png' },
        {
          type: 'resource',
          resource: {
            uri: 'test://mixed-content-resource',
            mimeType: 'application/json',
            text: JSON.stringify({ test: 'data', value: 123 }),
          },
        },
      ],
    };
  }

  @Tool({
    name: 'test_error_handling',
    description: 'Tests error response handling: always fails with isError',
    input: Empty,
    annotations: NO_SIDE_EFFECTS,
  })
  errorHandling(): never {
    throw TestErrors.create('TEST_ERR_INTENTIONAL', 'This tool intentionally returns an error for testing');
  }

  // ----- progress and logging -----

  @Tool({
    name: 'test_tool_with_progress',
    description: 'Tests tool that reports progress notifications (0, 50, 100 of 100)',
    input: Empty,
    annotations: NO_SIDE_EFFECTS,
  })
  async withProgress(_input: unknown, ctx: ToolContext) {
    for (const step of [0, 50, 100]) {
      await ctx.progress(step, 100, `Completed step ${step} of 100`);
      if (step < 100) await sleep(50);
    }
    return `Progress reported for request ${String(ctx.requestId)}`;
  }

  @Tool({
    name: 'test_tool_with_logging',
    description: 'Tests tool that emits log messages during execution',
    input: Empty,
    annotations: NO_SIDE_EFFECTS,
  })
  async withLogging(_input: unknown, ctx: ToolContext) {
    await ctx.log('info', 'Tool execution started');
    await sleep(50);
    await ctx.log('info', 'Tool processing data');
    await sleep(50);
    await ctx.log('info', 'Tool execution completed');
    return 'Tool with logging executed successfully';
  }

  @Tool({
    name: 'test_logging_tool',
    input: Empty,
    annotations: NO_SIDE_EFFECTS,
    description:
      'Logs one message at every level; the client sees those at or above the level it asked for (none when it asked for none)',
  })
  async loggingTool(_input: unknown, ctx: ToolContext) {
    for (const level of ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'] as const) {
      await ctx.log(level, `test_logging_tool: a ${level} message`);
    }
    return 'Logged one message at each of the eight levels';
  }

  // ----- server-to-client requests, 2025 era (pushed on the session) -----

  @Tool({
    name: 'test_sampling',
    description: 'Tests server-initiated sampling (LLM completion request)',
    input: SamplingInput,
    annotations: ASKS_CLIENT,
  })
  async sampling(input: Static<typeof SamplingInput>, ctx: ToolContext) {
    const answered = samplingText(ctx.inputResponses.completion);
    if (answered !== undefined) return `LLM response: ${answered}`;
    if (ctx.era === 'legacy') {
      const result = await ctx.sample({
        messages: [{ role: 'user', content: { type: 'text', text: input.prompt } }],
        maxTokens: 100,
      });
      const first = Array.isArray(result.content) ? result.content[0] : result.content;
      return `LLM response: ${first?.type === 'text' ? first.text : 'No response'}`;
    }
    return ctx.inputRequired({
      completion: inputRequired.createMessage({
        messages: [{ role: 'user', content: { type: 'text', text: input.prompt } }],
        maxTokens: 100,
      }),
    });
  }

  @Tool({
    name: 'test_elicitation',
    description: 'Tests server-initiated elicitation (user input request)',
    input: ElicitationInput,
    annotations: ASKS_CLIENT,
  })
  async elicitation(input: Static<typeof ElicitationInput>, ctx: ToolContext) {
    const requestedSchema = {
      type: 'object' as const,
      properties: {
        username: { type: 'string' as const, description: "User's response" },
        email: { type: 'string' as const, description: "User's email address" },
      },
      required: ['username', 'email'],
    };
    const answered = inputResponse(ctx.inputResponses, 'response');
    if (answered.kind === 'elicit')
      return `User response: action=${answered.action}, content=${JSON.stringify(answered.content ?? {})}`;
    if (ctx.era === 'legacy') {
      const result = await ctx.elicit({ message: input.message, requestedSchema });
      return `User response: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`;
    }
    return ctx.inputRequired({ response: inputRequired.elicit({ message: input.message, requestedSchema }) });
  }

  @Tool({
    name: 'test_elicitation_sep1034_defaults',
    description: 'Tests elicitation with default values per SEP-1034',
    input: Empty,
    annotations: ASKS_CLIENT,
  })
  async elicitationDefaults(_input: unknown, ctx: ToolContext) {
    const result = await ctx.elicit({
      message: 'Please review and update the form fields with defaults',
      requestedSchema: {
        type: 'object',
        properties: {
          name: { type: 'string', description: 'User name', default: 'John Doe' },
          age: { type: 'integer', description: 'User age', default: 30 },
          score: { type: 'number', description: 'User score', default: 95.5 },
          status: {
            type: 'string',
            description: 'User status',
            enum: ['active', 'inactive', 'pending'],
            default: 'active',
          },
          verified: { type: 'boolean', description: 'Verification status', default: true },
        },
        required: [],
      },
    });
    return `Elicitation completed: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`;
  }

  @Tool({
    name: 'test_elicitation_sep1330_enums',
    description: 'Tests elicitation with enum schema improvements per SEP-1330',
    input: Empty,
    annotations: ASKS_CLIENT,
  })
  async elicitationEnums(_input: unknown, ctx: ToolContext) {
    const options = (prefix: string, titles: string[]) =>
      titles.map((title, i) => ({ const: `${prefix}${i + 1}`, title }));
    const result = await ctx.elicit({
      message: 'Please select options from the enum fields',
      requestedSchema: {
        type: 'object',
        properties: {
          untitledSingle: { type: 'string', description: 'Select one option', enum: ['option1', 'option2', 'option3'] },
          titledSingle: {
            type: 'string',
            description: 'Select one option with titles',
            oneOf: options('value', ['First Option', 'Second Option', 'Third Option']),
          },
          legacyEnum: {
            type: 'string',
            description: 'Select one option (legacy)',
            enum: ['opt1', 'opt2', 'opt3'],
            enumNames: ['Option One', 'Option Two', 'Option Three'],
          },
          untitledMulti: {
            type: 'array',
            description: 'Select multiple options',
            minItems: 1,
            maxItems: 3,
            items: { type: 'string', enum: ['option1', 'option2', 'option3'] },
          },
          titledMulti: {
            type: 'array',
            description: 'Select multiple options with titles',
            minItems: 1,
            maxItems: 3,
            items: { anyOf: options('value', ['First Choice', 'Second Choice', 'Third Choice']) },
          },
        },
        required: [],
      },
    });
    return `Elicitation completed: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`;
  }

  // ----- multi-round-trip input (2026-07-28 input_required; served on 2025 sessions by the SDK) -----

  @Tool({
    name: 'test_input_required_result_elicitation',
    description: 'MRTR: asks for the user name with one elicitation, then greets',
    input: Empty,
    annotations: ASKS_CLIENT,
  })
  async irElicitation(_input: unknown, ctx: ToolContext) {
    const name = acceptedContent<{ name?: unknown }>(ctx.inputResponses, 'user_name')?.name;
    if (typeof name === 'string') return `Hello, ${name}!`;
    return ctx.inputRequired({ user_name: askString('What is your name?', 'name') });
  }

  @Tool({
    name: 'test_input_required_result_sampling',
    description: 'MRTR: asks the client LLM one question, then returns its answer',
    input: Empty,
    annotations: ASKS_CLIENT,
  })
  async irSampling(_input: unknown, ctx: ToolContext) {
    const answer = samplingText(ctx.inputResponses.capital_question);
    if (answer !== undefined) return `The model answered: ${answer}`;
    return ctx.inputRequired({
      capital_question: inputRequired.createMessage({
        messages: [{ role: 'user', content: { type: 'text', text: 'What is the capital of France?' } }],
        maxTokens: 100,
      }),
    });
  }

  @Tool({
    name: 'test_input_required_result_list_roots',
    description: "MRTR: asks for the client's roots, then lists them",
    input: Empty,
    annotations: ASKS_CLIENT,
  })
  async irListRoots(_input: unknown, ctx: ToolContext) {
    const view = inputResponse(ctx.inputResponses, 'client_roots');
    if (view.kind === 'roots')
      return `The client has ${view.roots.length} root(s): ${view.roots.map((r) => r.uri).join(', ') || 'none'}`;
    return ctx.inputRequired({ client_roots: inputRequired.listRoots() });
  }

  @Tool({
    name: 'test_input_required_result_request_state',
    description: 'MRTR: round-trips a sealed requestState with one confirmation',
    input: Empty,
    annotations: ASKS_CLIENT,
  })
  async irRequestState(_input: unknown, ctx: ToolContext) {
    const state = ctx.state<{ round: number }>();
    const confirm = inputResponse(ctx.inputResponses, 'confirm');
    if (state?.round === 1 && confirm.kind === 'elicit')
      return `state-ok: the echoed requestState verified (round ${state.round}), confirmation ${confirm.action}`;
    return ctx.inputRequired({ confirm: confirmRequest() }, { round: 1 });
  }

  @Tool({
    name: 'test_input_required_result_multiple_inputs',
    description: 'MRTR: asks for an elicitation, a sampling and the roots in one round',
    input: Empty,
    annotations: ASKS_CLIENT,
  })
  async irMultipleInputs(_input: unknown, ctx: ToolContext) {
    const name = acceptedContent<{ name?: unknown }>(ctx.inputResponses, 'user_name')?.name;
    const greeting = samplingText(ctx.inputResponses.greeting);
    const roots = inputResponse(ctx.inputResponses, 'client_roots');
    if (ctx.state() !== undefined && typeof name === 'string' && greeting !== undefined && roots.kind === 'roots') {
      return `All inputs received: name=${name}, greeting=${greeting}, roots=${roots.roots.length}`;
    }
    const requests: InputRequests = {
      user_name: askString('What is your name?', 'name'),
      greeting: inputRequired.createMessage({
        messages: [{ role: 'user', content: { type: 'text', text: 'Generate a greeting' } }],
        maxTokens: 50,
      }),
      client_roots: inputRequired.listRoots(),
    };
    return ctx.inputRequired(requests, { asked: Object.keys(requests) });
  }

  @Tool({
    name: 'test_input_required_result_multi_round',
    description: 'MRTR: two rounds (name, then favourite colour) carried by an evolving requestState',
    input: Empty,
    annotations: ASKS_CLIENT,
  })
  async irMultiRound(_input: unknown, ctx: ToolContext) {
    const state = ctx.state<{ round: number; name?: string }>();
    if (state?.round === 2) {
      const color = acceptedContent<{ color?: unknown }>(ctx.inputResponses, 'step2')?.color;
      if (typeof color === 'string') return `${state.name} likes ${color}.`;
      return ctx.inputRequired({ step2: askString('Step 2: What is your favorite color?', 'color') }, state);
    }
    const name =
      state?.round === 1 ? acceptedContent<{ name?: unknown }>(ctx.inputResponses, 'step1')?.name : undefined;
    if (typeof name === 'string')
      return ctx.inputRequired(
        { step2: askString('Step 2: What is your favorite color?', 'color') },
        { round: 2, name },
      );
    return ctx.inputRequired({ step1: askString('Step 1: What is your name?', 'name') }, { round: 1 });
  }

  @Tool({
    name: 'test_input_required_result_tampered_state',
    description: 'MRTR: a requestState altered by the client is rejected before this handler runs',
    input: Empty,
    annotations: ASKS_CLIENT,
  })
  async irTamperedState(_input: unknown, ctx: ToolContext) {
    if (
      ctx.state<{ purpose: string }>()?.purpose === 'tamper-test' &&
      inputResponse(ctx.inputResponses, 'confirm').kind === 'elicit'
    ) {
      return 'Request state verified; the call is complete.';
    }
    return ctx.inputRequired({ confirm: confirmRequest() }, { purpose: 'tamper-test' });
  }

  @Tool({
    name: 'test_input_required_result_capabilities',
    description: 'MRTR: asks only for the kinds of input the client declared it can give',
    input: Empty,
    annotations: ASKS_CLIENT,
  })
  async irCapabilities(_input: unknown, ctx: ToolContext) {
    if (Object.keys(ctx.inputResponses).length > 0)
      return `Declared-capability input answered: ${Object.keys(ctx.inputResponses).sort().join(', ')}`;
    const caps = ctx.clientCapabilities;
    const requests: InputRequests = {};
    if (caps.elicitation) requests.user_name = askString('What is your name?', 'name');
    if (caps.sampling)
      requests.greeting = inputRequired.createMessage({
        messages: [{ role: 'user', content: { type: 'text', text: 'Generate a greeting' } }],
        maxTokens: 50,
      });
    if (caps.roots) requests.client_roots = inputRequired.listRoots();
    if (Object.keys(requests).length === 0)
      return 'The client declared no elicitation, sampling or roots capability; nothing to ask.';
    return ctx.inputRequired(requests);
  }

  @Tool({
    name: 'test_missing_capability',
    input: Empty,
    annotations: ASKS_CLIENT,
    description:
      'Needs the sampling capability: a client that did not declare it gets -32021 MissingRequiredClientCapability',
  })
  async missingCapability(_input: unknown, ctx: ToolContext) {
    const answer = samplingText(ctx.inputResponses.sample);
    if (answer !== undefined) return `Sampling answered: ${answer}`;
    // The core checks embedded requests against the client's declared capabilities (-32021 when missing).
    return ctx.inputRequired({
      sample: inputRequired.createMessage({
        messages: [{ role: 'user', content: { type: 'text', text: 'Say hello' } }],
        maxTokens: 20,
      }),
    });
  }

  @Tool({
    name: 'test_streaming_elicitation',
    description:
      'Asks for input with an input_required result (never a server-to-client request on the response stream)',
    input: Empty,
    annotations: ASKS_CLIENT,
  })
  async streamingElicitation(_input: unknown, ctx: ToolContext) {
    const name = acceptedContent<{ name?: unknown }>(ctx.inputResponses, 'user_name')?.name;
    if (typeof name === 'string') return `Thanks, ${name}.`;
    await ctx.progress(0, 1, 'asking the user');
    return ctx.inputRequired({ user_name: askString('What is your name?', 'name') });
  }

  @Tool({
    name: 'test_reconnection',
    input: Empty,
    annotations: NO_SIDE_EFFECTS,
    description:
      'Closes its own SSE response stream mid-call (2025 sessions); the client reconnects with Last-Event-ID and still gets the result (SEP-1699)',
  })
  async reconnection(_input: unknown, ctx: ToolContext) {
    ctx.mcp?.http?.closeSSE?.();
    await sleep(100);
    return 'Reconnection test completed successfully. If you received this, the client properly reconnected after stream closure.';
  }

  // ----- HTTP headers mirroring arguments (SEP-2243) -----

  @Tool({
    name: 'test_x_mcp_header',
    input: RegionInput,
    annotations: NO_SIDE_EFFECTS,
    description:
      'Its region argument is mirrored in the Mcp-Param-Region header; the server rejects a request whose header and body disagree',
  })
  xMcpHeader(input: Static<typeof RegionInput>) {
    return `region=${input.region}`;
  }

  // ----- list changes -----

  @Tool({
    name: 'test_trigger_tool_change',
    description: `Adds ${DYNAMIC_TOOL} when absent, removes it when present; clients get tools/list_changed`,
    input: Empty,
    annotations: CHANGES_SERVER,
  })
  triggerToolChange(_input: unknown, ctx: ToolContext) {
    if (!ctx.tools) return 'Runtime tool changes are not available on this transport.';
    if (ctx.tools.remove(DYNAMIC_TOOL)) return `Removed ${DYNAMIC_TOOL}`;
    ctx.tools.add({
      name: DYNAMIC_TOOL,
      description: 'A tool added at runtime by test_trigger_tool_change',
      input: Empty,
      annotations: NO_SIDE_EFFECTS,
      handler: () => 'This tool was added at runtime.',
    });
    return `Added ${DYNAMIC_TOOL}`;
  }

  @Tool({
    name: 'test_trigger_prompt_change',
    description: 'Announces a prompt-list change; clients get prompts/list_changed',
    input: Empty,
    annotations: CHANGES_SERVER,
  })
  triggerPromptChange() {
    this.notifier.promptsChanged();
    return 'Announced a prompt list change';
  }

  @Tool({
    name: 'test_trigger_resource_update',
    description: 'Updates test://watched-resource now; subscribed clients get resources/updated',
    input: Empty,
    annotations: CHANGES_SERVER,
  })
  triggerResourceUpdate() {
    this.watchedVersion += 1;
    this.notifier.resourceUpdated(WATCHED);
    return `test://watched-resource is now at version ${this.watchedVersion}`;
  }

  // ----- resources -----

  @Resource({
    uri: 'test://static-text',
    name: 'static-text',
    title: 'Static Text Resource',
    description: 'A static text resource for testing',
    mimeType: 'text/plain',
  })
  staticText() {
    return 'This is the content of the static text resource.';
  }

  @Resource({
    uri: 'test://static-binary',
    name: 'static-binary',
    title: 'Static Binary Resource',
    description: 'A static binary resource (image) for testing',
    mimeType: 'image/png',
  })
  staticBinary() {
    return { blob: PNG };
  }

  @Resource({
    uriTemplate: 'test://template/{id}/data',
    name: 'template',
    title: 'Resource Template',
    mimeType: 'application/json',
    description: 'A resource template with parameter substitution',
    complete: { id: (value) => ['1', '2', '3', '42'].filter((id) => id.startsWith(value)) },
  })
  template(_uri: string, variables: Record<string, string | string[]>) {
    const id = String(variables.id);
    return { text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }) };
  }

  @Resource({
    uri: WATCHED,
    name: 'watched-resource',
    title: 'Watched Resource',
    description: 'A resource that reports an update every few seconds',
    mimeType: 'text/plain',
    subscribable: true,
  })
  watched() {
    return `Watched resource content (version ${this.watchedVersion})`;
  }

  @Resource({
    uri: 'test://embedded-resource',
    name: 'embedded-resource',
    title: 'Embedded Resource',
    description: 'The resource test_embedded_resource embeds',
    mimeType: 'text/plain',
  })
  embedded() {
    return 'This is an embedded resource content.';
  }

  @Resource({
    uri: 'test://mixed-content-resource',
    name: 'mixed-content-resource',
    title: 'Mixed Content Resource',
    description: 'The resource test_multiple_content_types embeds',
    mimeType: 'application/json',
  })
  mixed() {
    return { text: JSON.stringify({ test: 'data', value: 123 }) };
  }

  // ----- prompts -----

  @Prompt({ name: 'test_simple_prompt', title: 'Simple Test Prompt', description: 'A simple prompt without arguments' })
  simplePrompt() {
    return 'This is a simple prompt for testing.';
  }

  @Prompt({
    name: 'test_prompt_with_arguments',
    title: 'Prompt With Arguments',
    description: 'A prompt with required arguments',
    arguments: [
      { name: 'arg1', description: 'First test argument', required: true },
      { name: 'arg2', description: 'Second test argument', required: true },
    ],
    complete: { arg1: (value) => ['paris', 'park', 'party'].filter((v) => v.startsWith(value)) },
  })
  promptWithArguments(args: Record<string, string>) {
    return `Prompt with arguments: arg1='${args.arg1}', arg2='${args.arg2}'`;
  }

  @Prompt({
    name: 'test_prompt_with_embedded_resource',
    title: 'Prompt With Embedded Resource',
    description: 'A prompt that includes an embedded resource',
    arguments: [{ name: 'resourceUri', description: 'URI of the resource to embed', required: true }],
  })
  promptWithEmbeddedResource(args: Record<string, string>): GetPromptResult {
    return {
      messages: [
        {
          role: 'user',
          content: {
            type: 'resource',
            resource: { uri: args.resourceUri, mimeType: 'text/plain', text: 'Embedded resource content for testing.' },
          },
        },
        { role: 'user', content: { type: 'text', text: 'Please process the embedded resource above.' } },
      ],
    };
  }

  @Prompt({
    name: 'test_prompt_with_image',
    title: 'Prompt With Image',
    description: 'A prompt that includes image content',
  })
  promptWithImage(): GetPromptResult {
    return {
      messages: [
        { role: 'user', content: { type: 'image', data: PNG, mimeType: 'image/png' } },
        { role: 'user', content: { type: 'text', text: 'Please analyze the image above.' } },
      ],
    };
  }

  @Prompt({
    name: 'test_input_required_result_prompt',
    title: 'Prompt Needing Input',
    description: 'MRTR on prompts/get: asks what context to use, then builds the prompt',
  })
  async promptNeedingInput(_args: Record<string, string>, ctx: ToolContext) {
    const context = acceptedContent<{ context?: unknown }>(ctx.inputResponses, 'user_context')?.context;
    if (typeof context === 'string') return `Use this context: ${context}`;
    return ctx.inputRequired({ user_context: askString('What context should the prompt use?', 'context') });
  }
}

function confirmRequest() {
  return inputRequired.elicit({
    message: 'Please confirm',
    requestedSchema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] },
  });
}
