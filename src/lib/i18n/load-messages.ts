/**
 * Each language's table is its own chunk, loaded when that language is shown: the tables are
 * the largest part of the app shell, and a person reads one language. A static import of either
 * table would put it back into every page, so only this module may import them.
 */
import type { MessageKey } from './messages';

export type Locale = 'en' | 'zh-CN';
export type Messages = Readonly<Record<MessageKey, string>>;

const loaders: Record<Locale, () => Promise<Messages>> = {
	en: () => import('./messages').then((m) => m.en),
	'zh-CN': () => import('./messages.zh-CN').then((m) => m.zhCN)
};

export function loadMessages(locale: Locale): Promise<Messages> {
	return loaders[locale]();
}
