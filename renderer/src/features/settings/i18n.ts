export const settingsStrings = {
  en: {
    title: 'Settings',
    managerOnly: 'Only a manager can change settings. Ask a manager to sign in.',
    saved: 'Saved.',
    general: {
      title: 'General',
      language: 'Language',
      idleLock: 'Lock after idle (minutes)',
      trainingMode: 'Training mode (simulated card host, virtual printer)',
      trainingOffWarning: 'With training mode off, sales go to the configured card host and printer.',
    },
    shop: {
      title: 'Shop (printed on receipts)',
      name: 'Shop name',
      address: 'Address',
      merchantId: 'Merchant ID (15 characters)',
      terminalId: 'Terminal ID (8 characters)',
      footer: 'Receipt footer',
    },
  },
  'zh-CN': {
    title: '设置',
    managerOnly: '只有主管可以修改设置，请主管登录。',
    saved: '已保存。',
    general: {
      title: '常规',
      language: '语言',
      idleLock: '无操作自动锁屏（分钟）',
      trainingMode: '练习模式（模拟收单主机、虚拟打印机）',
      trainingOffWarning: '关闭练习模式后，交易将发送到已配置的收单主机和打印机。',
    },
    shop: {
      title: '商户信息（打印在签购单上）',
      name: '商户名称',
      address: '地址',
      merchantId: '商户号（15 位）',
      terminalId: '终端号（8 位）',
      footer: '签购单页脚',
    },
  },
};
