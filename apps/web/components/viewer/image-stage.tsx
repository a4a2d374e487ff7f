'use client';

import { type KeyboardEvent, type PointerEvent, useEffect, useRef, useState } from 'react';
import { colorizeHeatmap, type TNormalizedHeatmap, type TOverlayStyle } from '../../lib/attribution-heatmap';

/** Zoom and pan, shared by every stage showing the same image (side-by-side comparison stays in sync). */
export type TView = { zoom: number; x: number; y: number };
export const INITIAL_VIEW: TView = { zoom: 1, x: 0, y: 0 };

export type TRegion =
  | { type: 'rect'; x: number; y: number; width: number; height: number }
  | { type: 'polygon'; points: [number, number][] };

/** What a drag does: pan the image, change the DICOM window, or draw the review region. */
export type TDragMode = 'pan' | 'window' | 'rect' | 'freehand';

type TStageProps = {
  label: string;
  imageUrl: string;
  imageWidth: number;
  imageHeight: number;
  view: TView;
  onViewChange: (view: TView) => void;
  mode: TDragMode;
  heatmap?: TNormalizedHeatmap | null;
  overlayStyle?: TOverlayStyle;
  overlayVisible?: boolean;
  region?: TRegion | null;
  onRegion?: (region: TRegion) => void;
  /** Window drag: horizontal movement → width, vertical → level; called with pixel deltas when the drag ends. */
  onWindowDrag?: (dx: number, dy: number, done: boolean) => void;
  testId?: string;
};

const MIN_ZOOM = 0.25;
const MAX_ZOOM = 16;

/**
 * The image, its attribution overlay (a canvas coloured in the browser) and the review region, zoomed and panned
 * together. The image is fitted to the stage at zoom 1; the view's x/y are offsets in stage pixels.
 */
export function ImageStage(props: TStageProps) {
  const { imageWidth, imageHeight, view, onViewChange, mode } = props;
  const stage = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 600, height: 500 });
  const drag = useRef<{ x: number; y: number; view: TView; points: [number, number][] } | null>(null);
  const [draft, setDraft] = useState<TRegion | null>(null);

  useEffect(() => {
    const element = stage.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Colour the map on the canvas: instant for opacity, colormap and threshold changes (no request).
  useEffect(() => {
    const element = canvas.current;
    const heatmap = props.heatmap;
    if (!element || !heatmap || !props.overlayStyle) return;
    element.width = heatmap.width;
    element.height = heatmap.height;
    const context = element.getContext('2d');
    if (!context) return;
    const pixels = colorizeHeatmap(heatmap, props.overlayStyle);
    context.putImageData(new ImageData(pixels, heatmap.width, heatmap.height), 0, 0);
  }, [props.heatmap, props.overlayStyle]);

  const fit = Math.min(size.width / imageWidth, size.height / imageHeight) || 1;
  const scale = fit * view.zoom;
  const left = (size.width - imageWidth * scale) / 2 + view.x;
  const top = (size.height - imageHeight * scale) / 2 + view.y;

  const toImage = (clientX: number, clientY: number): [number, number] => {
    const box = stage.current!.getBoundingClientRect();
    const x = (clientX - box.left - left) / scale;
    const y = (clientY - box.top - top) / scale;
    return [Math.min(imageWidth, Math.max(0, x)), Math.min(imageHeight, Math.max(0, y))];
  };

  const zoomAt = (factor: number, clientX?: number, clientY?: number) => {
    const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, view.zoom * factor));
    const box = stage.current?.getBoundingClientRect();
    // Keep the point under the cursor (or the centre) still.
    const px = clientX !== undefined && box ? clientX - box.left - size.width / 2 : 0;
    const py = clientY !== undefined && box ? clientY - box.top - size.height / 2 : 0;
    const k = zoom / view.zoom;
    onViewChange({ zoom, x: px - (px - view.x) * k, y: py - (py - view.y) * k });
  };

  // A native, non-passive listener: the wheel zooms the image instead of scrolling the page.
  const zoomRef = useRef(zoomAt);
  zoomRef.current = zoomAt;
  useEffect(() => {
    const element = stage.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      zoomRef.current(event.deltaY < 0 ? 1.15 : 1 / 1.15, event.clientX, event.clientY);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  const onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0) return;
    (event.target as Element).setPointerCapture?.(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY, view, points: [toImage(event.clientX, event.clientY)] };
  };

  const regionFrom = (points: [number, number][]): TRegion | null => {
    if (mode === 'rect') {
      const [a, b] = [points[0]!, points[points.length - 1]!];
      const width = Math.abs(b[0] - a[0]);
      const height = Math.abs(b[1] - a[1]);
      if (width < 1 || height < 1) return null;
      return { type: 'rect', x: Math.min(a[0], b[0]), y: Math.min(a[1], b[1]), width, height };
    }
    return points.length >= 3
      ? { type: 'polygon', points: points.map(([x, y]) => [Math.round(x), Math.round(y)]) }
      : null;
  };

  const onPointerMove = (event: PointerEvent) => {
    const current = drag.current;
    if (!current) return;
    const dx = event.clientX - current.x;
    const dy = event.clientY - current.y;
    if (mode === 'pan') onViewChange({ ...current.view, x: current.view.x + dx, y: current.view.y + dy });
    else if (mode === 'window') props.onWindowDrag?.(dx, dy, false);
    else {
      const point = toImage(event.clientX, event.clientY);
      current.points = mode === 'rect' ? [current.points[0]!, point] : [...current.points, point];
      setDraft(regionFrom(current.points));
    }
  };

  const onPointerUp = (event: PointerEvent) => {
    const current = drag.current;
    drag.current = null;
    if (!current) return;
    if (mode === 'window') props.onWindowDrag?.(event.clientX - current.x, event.clientY - current.y, true);
    if (mode === 'rect' || mode === 'freehand') {
      const region = regionFrom(current.points);
      setDraft(null);
      if (region) props.onRegion?.(region);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const step = 40;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [step, 0],
      ArrowRight: [-step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      onViewChange({ ...view, x: view.x + move[0], y: view.y + move[1] });
    } else if (event.key === '+' || event.key === '=') zoomAt(1.25);
    else if (event.key === '-') zoomAt(1 / 1.25);
    else if (event.key === '0') onViewChange(INITIAL_VIEW);
  };

  const shown = draft ?? props.region ?? null;
  const cursor = mode === 'pan' ? 'cursor-grab' : mode === 'window' ? 'cursor-ns-resize' : 'cursor-crosshair';
  return (
    <div
      ref={stage}
      role="application"
      aria-label={`${props.label}: arrow keys pan, + and − zoom, 0 resets`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the stage takes arrow keys (pan) and +/−/0 (zoom) when focused
      tabIndex={0}
      data-testid={props.testId}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => {
        drag.current = null;
        setDraft(null);
      }}
      onKeyDown={onKeyDown}
      className={`relative h-full min-h-[320px] w-full touch-none select-none overflow-hidden bg-black outline-offset-2 focus-visible:outline-4 focus-visible:outline-blue-600 ${cursor}`}
    >
      <div
        className="absolute top-0 left-0 origin-top-left"
        style={{
          width: imageWidth,
          height: imageHeight,
          transform: `translate(${left}px, ${top}px) scale(${scale})`,
        }}
      >
        <img
          src={props.imageUrl}
          alt={props.label}
          width={imageWidth}
          height={imageHeight}
          draggable={false}
          className="pointer-events-none absolute inset-0 h-full w-full"
          style={{ imageRendering: view.zoom * fit > 2 ? 'pixelated' : 'auto' }}
        />
        {props.heatmap && (
          <canvas
            ref={canvas}
            data-testid="overlay-canvas"
            className="pointer-events-none absolute inset-0 h-full w-full"
            style={{ display: props.overlayVisible === false ? 'none' : 'block' }}
          />
        )}
        {shown && (
          <svg
            aria-hidden="true"
            className="pointer-events-none absolute inset-0 h-full w-full"
            viewBox={`0 0 ${imageWidth} ${imageHeight}`}
          >
            {shown.type === 'rect' ? (
              <rect
                x={shown.x}
                y={shown.y}
                width={shown.width}
                height={shown.height}
                fill="none"
                stroke="#facc15"
                strokeWidth={2 / scale}
              />
            ) : (
              <polygon
                points={shown.points.map((p) => p.join(',')).join(' ')}
                fill="rgba(250,204,21,0.15)"
                stroke="#facc15"
                strokeWidth={2 / scale}
              />
            )}
          </svg>
        )}
      </div>
    </div>
  );
}
