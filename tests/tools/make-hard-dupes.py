#!/usr/bin/env python3
"""Harder altered copies for the duplicate measurements: takes the originals of a set made by make-dupes-fixture.cs
(OUT/originals) and writes ten stronger alterations each, with labels.csv in the same format, so
tests/tools/measure-dupes.sh can score it.

    /usr/bin/python3 tests/tools/make-hard-dupes.py SET_DIR OUT_DIR      (needs Debian's python3-pil)

Alterations: 12 % cut from one side, 6 % cut from every side, brightness ×1.3 and ×0.7 (JPEG q85), contrast ×1.4,
Gaussian blur radius 3 (JPEG q90), JPEG q15, a third of the size, a large semi-transparent white caption across the
middle, saturation ×1.5 (WebP q70).
"""
import os, random, csv, sys
from PIL import Image, ImageEnhance, ImageFilter, ImageDraw, ImageFont
src, out = sys.argv[1], sys.argv[2]
random.seed(7)
os.makedirs(out + '/originals', exist_ok=True); os.makedirs(out + '/altered', exist_ok=True)
rows = [('file','original','family','alteration')]
try:
    font = ImageFont.truetype('/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', 40)
except Exception:
    font = ImageFont.load_default()
origs = sorted(f for f in os.listdir(src + '/originals'))
for f in origs:
    name = f.split('.')[0]
    im = Image.open(os.path.join(src, 'originals', f)).convert('RGB')
    im.save(f'{out}/originals/{name}.png'); rows.append((f'originals/{name}.png', name, 'x', 'original'))
    w, h = im.size
    def save(img, tag, ext='png', **kw):
        p = f'altered/{name}-{tag}.{ext}'; img.save(os.path.join(out, p), **kw); rows.append((p, name, 'x', tag))
    save(im.crop((int(w*0.12), 0, w, h)), 'crop12side')
    save(im.crop((int(w*0.06), int(h*0.06), int(w*0.94), int(h*0.94))), 'crop6all')
    save(ImageEnhance.Brightness(im).enhance(1.3), 'bright130', 'jpg', quality=85)
    save(ImageEnhance.Brightness(im).enhance(0.7), 'dark70', 'jpg', quality=85)
    save(ImageEnhance.Contrast(im).enhance(1.4), 'contrast140')
    save(im.filter(ImageFilter.GaussianBlur(3)), 'blur3', 'jpg', quality=90)
    save(im, 'q15', 'jpg', quality=15)
    save(im.resize((max(1, w//3), max(1, h//3)), Image.LANCZOS), 'third')
    m = im.copy(); d = ImageDraw.Draw(m, 'RGBA'); d.text((w*0.1, h*0.4), 'SAMPLE © studio', font=font, fill=(255,255,255,170)); save(m, 'bigmark')
    s = ImageEnhance.Color(im).enhance(1.5); save(s, 'saturate', 'webp', quality=70)
with open(out + '/labels.csv', 'w', newline='') as fh: csv.writer(fh).writerows(rows)
print(len(rows)-1, 'files')
