#!/usr/bin/python3
"""Makes the few fixtures SkiaSharp cannot write (CMYK JPEG, animated GIF). Needs python3-pil.
The outputs are committed; rerun only to change them:  python3 make-fixtures.py"""
from PIL import Image, ImageDraw

# CMYK JPEG (as Photoshop and print workflows save them), 48x32, Adobe APP14 marker included by Pillow.
cmyk = Image.new("CMYK", (48, 32), (0, 0, 0, 0))
draw = ImageDraw.Draw(cmyk)
draw.rectangle((0, 0, 23, 31), fill=(255, 0, 0, 0))     # cyan left half
draw.rectangle((24, 0, 47, 31), fill=(0, 255, 255, 0))  # red right half
cmyk.save("cmyk.jpg", quality=90)

# Animated GIF: 3 frames of 40x24, looping; the first frame is solid blue.
frames = []
for colour in [(0, 0, 255), (255, 0, 0), (0, 255, 0)]:
    frames.append(Image.new("RGB", (40, 24), colour).convert("P"))
frames[0].save("animated.gif", save_all=True, append_images=frames[1:], duration=100, loop=0)
