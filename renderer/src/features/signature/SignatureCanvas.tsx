import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import SignaturePad from 'signature_pad';
import { Box } from '@mui/material';
import type { SignaturePoint } from '../../data/records';
import { toStrokes } from './strokes';

export interface SignatureCanvasHandle {
  clear(): void;
  isEmpty(): boolean;
  /** Strokes with timing and a PNG (white background, as printed). */
  capture(): { strokes: SignaturePoint[][]; png: string } | null;
}

/** The customer's signing area: signature_pad on a canvas sized for the device pixel ratio. */
/** `height` is pixels or any CSS length (e.g. a clamp() that fits the customer display); it is measured once, at mount. */
export const SignatureCanvas = forwardRef<SignatureCanvasHandle, { height?: number | string; onChange?: (empty: boolean) => void; testId?: string }>(
  ({ height = 260, onChange, testId = 'signature-canvas' }, ref) => {
    const canvasRef = useRef<HTMLCanvasElement>(null);
    const padRef = useRef<SignaturePad | null>(null);
    const changeRef = useRef(onChange);
    useEffect(() => {
      changeRef.current = onChange;
    }, [onChange]);

    useEffect(() => {
      const canvas = canvasRef.current;
      if (!canvas) return;
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d')?.scale(ratio, ratio);
      const pad = new SignaturePad(canvas, { backgroundColor: 'rgb(255,255,255)', penColor: 'rgb(0,0,0)', minWidth: 1, maxWidth: 3 });
      pad.addEventListener('endStroke', () => changeRef.current?.(pad.isEmpty()));
      padRef.current = pad;
      return () => pad.off();
    }, []);

    useImperativeHandle(ref, () => ({
      clear: () => {
        padRef.current?.clear();
        changeRef.current?.(true);
      },
      isEmpty: () => padRef.current?.isEmpty() ?? true,
      capture: () => {
        const pad = padRef.current;
        if (!pad || pad.isEmpty()) return null;
        return { strokes: toStrokes(pad.toData()), png: pad.toDataURL('image/png') };
      },
    }));

    return (
      <Box sx={{ border: 2, borderColor: 'primary.main', borderRadius: 2, bgcolor: '#fff', touchAction: 'none' }}>
        <canvas ref={canvasRef} data-testid={testId} style={{ width: '100%', height, display: 'block', cursor: 'crosshair' }} />
      </Box>
    );
  },
);
SignatureCanvas.displayName = 'SignatureCanvas';
