// The widget's translation modules only register texts; they export nothing.
declare module 'altcha/i18n/zh-cn';
declare module 'altcha/i18n/en';
