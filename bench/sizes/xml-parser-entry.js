// fast-xml-parser's parser alone, as a lazily loaded chunk would carry it.
export { XMLParser } from 'fast-xml-parser';
