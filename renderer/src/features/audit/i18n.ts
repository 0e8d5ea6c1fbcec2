export const auditStrings = {
  en: {
    title: 'Audit log',
    intro: 'Every sign-in, lock, settings change and sale step, hash-chained so that any edit or deletion is found.',
    verify: 'Verify the chain',
    verifying: 'Checking…',
    ok: 'Chain intact: {{count}} entries checked.',
    problem: {
      edited: 'Entry #{{seq}} was edited after it was written.',
      deleted: 'Entry #{{seq}} was deleted.',
      inserted: 'Entry #{{seq}} was inserted afterwards.',
      reordered: 'Entry #{{seq}} is out of order: entries were moved or renumbered.',
    },
    columns: { seq: '#', at: 'Time', actor: 'Operator', action: 'Action', object: 'Object', result: 'Result' },
    result: { ok: 'ok', fail: 'fail' },
    showing: 'Newest {{count}} entries',
  },
  'zh-CN': {
    title: '审计日志',
    intro: '所有登录、锁屏、设置修改和交易步骤均以哈希链记录，任何修改或删除都会被发现。',
    verify: '校验哈希链',
    verifying: '正在校验…',
    ok: '哈希链完整：已校验 {{count}} 条记录。',
    problem: {
      edited: '第 {{seq}} 条记录在写入后被修改。',
      deleted: '第 {{seq}} 条记录被删除。',
      inserted: '第 {{seq}} 条记录是事后插入的。',
      reordered: '第 {{seq}} 条记录顺序错乱：记录被移动或重新编号。',
    },
    columns: { seq: '序号', at: '时间', actor: '操作员', action: '操作', object: '对象', result: '结果' },
    result: { ok: 'ok', fail: 'fail' },
    showing: '最新 {{count}} 条记录',
  },
};
