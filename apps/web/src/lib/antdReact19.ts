import { unstableSetRender } from 'antd';
import { createRoot, type Root } from 'react-dom/client';

/**
 * antd 5 renders some pieces (button wave, static popups) outside the tree with the React 18 API; React 19
 * removed it. This hands antd a React 19 renderer, as antd's own compatibility note describes.
 */
const roots = new WeakMap<Element | DocumentFragment, Root>();

unstableSetRender((node, container) => {
  let root = roots.get(container);
  if (!root) {
    root = createRoot(container);
    roots.set(container, root);
  }
  root.render(node);
  return async () => {
    await new Promise<void>((resolve) => window.setTimeout(resolve, 0));
    root.unmount();
    roots.delete(container);
  };
});
