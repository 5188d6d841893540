// Matcher parsing for silences and alert filters.
import t from 'tap';
import { matcherText, parseMatchers, parseMatcherText } from '../../src/matchers.js';

const short = (text: string) =>
  parseMatcherText(text, 'matchers').map((m) => [
    m.name,
    m.isEqual ? (m.isRegex ? '=~' : '=') : m.isRegex ? '!~' : '!=',
    m.value,
  ]);

t.test('the text form', async (t) => {
  t.same(short('alertname="X",severity=~"crit.*"'), [
    ['alertname', '=', 'X'],
    ['severity', '=~', 'crit.*'],
  ]);
  t.same(short('{job!="a", instance!~"db[0-9]+"}'), [
    ['job', '!=', 'a'],
    ['instance', '!~', 'db[0-9]+'],
  ]);
  t.same(short('team=ops'), [['team', '=', 'ops']], 'unquoted values');
  t.same(
    short('msg="a, b \\"quoted\\" \\\\ c"'),
    [['msg', '=', 'a, b "quoted" \\ c']],
    'commas and escapes inside quotes',
  );
  t.same(short("env='prod'"), [['env', '=', 'prod']], 'single quotes');
  t.same(short('"weird.name"="v"'), [['weird.name', '=', 'v']], 'quoted names');
  t.same(short('re=~"a{2,3}"'), [['re', '=~', 'a{2,3}']]);
  t.same(short('empty=""'), [['empty', '=', '']]);
});

t.test('errors say where and give an example', async (t) => {
  const cases: Array<[string, RegExp]> = [
    ['alertname', /expected an operator .* after "alertname" at position 10/],
    ['=x', /expected a label name at position 1/],
    ['a="b" c="d"', /expected a comma at position 6/],
    ['a="b', /the value of "a" has no closing "/],
    ['', /no matcher found/],
  ];
  for (const [text, detail] of cases) {
    t.throws(
      () => parseMatcherText(text, 'filter'),
      { code: 'ALERTMANAGER_ERR_MATCHER_INVALID', message: detail },
      JSON.stringify(text),
    );
  }
  try {
    parseMatcherText('x', 'filter');
  } catch (err) {
    t.match(
      (err as { toText(): string }).toText(),
      /\nHint: Write filter like alertname="HighLatency",severity=~"crit\.\*" \(operators =, !=, =~, !~/,
    );
  }
});

t.test('arrays, objects and JSON text', async (t) => {
  t.same(
    parseMatchers([
      'a="1"',
      { name: 'b', value: '2', isRegex: true, isEqual: false },
      { name: 'c', value: '3', operator: '!=' },
    ]).map(matcherText),
    ['a="1"', 'b!~"2"', 'c!="3"'],
  );
  t.same(
    parseMatchers('[{"name":"a","value":"1"}]').map(matcherText),
    ['a="1"'],
    'isEqual defaults to true, isRegex to false',
  );
  t.same(parseMatchers(['a="1",b="2"']).length, 2, 'one string may hold several matchers');
  t.throws(() => parseMatchers([{ name: 'a' }]), { message: /matchers\[0\]: .*needs a string "value"/ });
  t.throws(() => parseMatchers([{ name: 'a', value: 'b', operator: '~' }]), { message: /unknown operator "~"/ });
  t.throws(() => parseMatchers([]), { message: /no matcher given/ });
  t.throws(() => parseMatchers([42]), { message: /matchers\[0\]: .*expected a string or an object/ });
});
