"""Pictures drawn with Pillow for the demo newsroom: a scene per story and a portrait per author.

Every drawing takes a seeded random generator, so the demo's images are the same on every load.
"""

import functools
import random
from collections.abc import Callable
from io import BytesIO

from PIL import Image, ImageDraw

W, H = 1600, 1000
Color = tuple[int, int, int]


def _mix(a: Color, b: Color, t: float) -> Color:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def _gradient(d: ImageDraw.ImageDraw, box: tuple[int, int, int, int], top: Color, bottom: Color) -> None:
    x0, y0, x1, y1 = box
    span = max(1, y1 - y0)
    for y in range(y0, y1):
        d.line([(x0, y), (x1, y)], fill=_mix(top, bottom, (y - y0) / span))


def _sun(d: ImageDraw.ImageDraw, x: int, y: int, r: int, core: Color, glow: Color) -> None:
    for i in range(6, 0, -1):
        rr = r + i * r // 3
        d.ellipse([x - rr, y - rr, x + rr, y + rr], fill=_mix(glow, core, 1 - i / 7))
    d.ellipse([x - r, y - r, x + r, y + r], fill=core)


def _cloud(d: ImageDraw.ImageDraw, x: int, y: int, s: int, color: Color) -> None:
    for dx, dy, rr in ((0, 0, 1.0), (0.9, -0.35, 1.2), (1.9, 0, 0.9), (1.0, 0.25, 1.0)):
        cx, cy, r = x + dx * s, y + dy * s, rr * s
        d.ellipse([cx - r, cy - r * 0.7, cx + r, cy + r * 0.7], fill=color)


def _hills(d: ImageDraw.ImageDraw, rng: random.Random, base: int, amp: int, color: Color) -> None:
    points, x = [(0, H)], 0
    while x <= W + 100:
        points.append((x, base - rng.randint(0, amp)))
        x += rng.randint(120, 260)
    points.append((W, H))
    d.polygon(points, fill=color)


def _tree(d: ImageDraw.ImageDraw, x: int, ground: int, size: int, leaf: Color) -> None:
    d.rectangle([x - size // 10, ground - size, x + size // 10, ground], fill=(92, 64, 44))
    dark = _mix(leaf, (0, 0, 0), 0.25)
    for dx, dy, r in ((-0.35, -1.05, 0.45), (0.35, -1.05, 0.45), (0, -1.45, 0.55)):
        cx, cy, rr = x + dx * size, ground + dy * size, r * size
        d.ellipse([cx - rr, cy - rr, cx + rr, cy + rr], fill=dark)
    d.ellipse([x - size * 0.4, ground - size * 1.75, x + size * 0.3, ground - size * 1.05], fill=leaf)


def _windows(
    d: ImageDraw.ImageDraw,
    rng: random.Random,
    box,
    cols: int,
    rows: int,
    lit: Color,
    dark: Color,
    lit_share: float = 0.6,
) -> None:
    x0, y0, x1, y1 = box
    cw, rh = (x1 - x0) / cols, (y1 - y0) / rows
    for c in range(cols):
        for r in range(rows):
            fill = lit if rng.random() < lit_share else dark
            d.rectangle(
                [
                    x0 + c * cw + cw * 0.22,
                    y0 + r * rh + rh * 0.2,
                    x0 + (c + 1) * cw - cw * 0.22,
                    y0 + (r + 1) * rh - rh * 0.2,
                ],
                fill=fill,
            )


def _person(d: ImageDraw.ImageDraw, x: int, ground: int, h: int, coat: Color) -> None:
    head = h // 6
    d.ellipse([x - head // 2, ground - h, x + head // 2, ground - h + head], fill=(120, 84, 60))
    d.rounded_rectangle(
        [x - h // 7, ground - h + head, x + h // 7, ground - h // 3], radius=h // 12, fill=coat
    )
    d.rectangle([x - h // 10, ground - h // 3, x - h // 40, ground], fill=(40, 44, 60))
    d.rectangle([x + h // 40, ground - h // 3, x + h // 10, ground], fill=(40, 44, 60))


def _water(d: ImageDraw.ImageDraw, rng: random.Random, y0: int, top: Color, bottom: Color) -> None:
    _gradient(d, (0, y0, W, H), top, bottom)
    light = _mix(top, (255, 255, 255), 0.35)
    for _ in range(70):
        y = rng.randint(y0 + 10, H)
        x = rng.randint(-50, W)
        length = 30 + (y - y0) // 3
        d.line([(x, y), (x + length, y)], fill=light, width=2 + (y - y0) // 160)


def river_bridge(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    _gradient(d, (0, 0, W, 560), (120, 176, 226), (236, 220, 190))
    _sun(d, 1240, 220, 70, (255, 236, 170), (236, 220, 190))
    _cloud(d, 220, 160, 60, (250, 250, 252))
    _cloud(d, 760, 110, 45, (246, 246, 250))
    _hills(d, rng, 540, 90, (112, 150, 110))
    _hills(d, rng, 600, 50, (78, 122, 84))
    _water(d, rng, 600, (92, 140, 170), (36, 72, 100))
    stone = (176, 150, 120)
    d.rectangle([0, 470, W, 520], fill=stone)
    for i in range(5):
        cx = 160 + i * 320
        d.rectangle([cx - 40, 520, cx + 40, 660], fill=_mix(stone, (0, 0, 0), 0.15))
        d.pieslice([cx + 40, 520, cx + 280, 760], 180, 360, fill=(92, 140, 170))
    d.rectangle([0, 452, W, 470], fill=_mix(stone, (255, 255, 255), 0.2))
    for x in range(20, W, 60):
        d.rectangle([x, 430, x + 10, 452], fill=_mix(stone, (255, 255, 255), 0.2))
    for i in range(8):
        x = 80 + i * 180 + rng.randint(-30, 30)
        d.line([(x, H), (x + rng.randint(-20, 20), H - 120)], fill=(70, 110, 60), width=6)
    return img


def riverbank_volunteers(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    _gradient(d, (0, 0, W, 520), (150, 196, 232), (226, 236, 240))
    _cloud(d, 1100, 150, 70, (255, 255, 255))
    _hills(d, rng, 500, 60, (120, 160, 112))
    _water(d, rng, 520, (104, 150, 176), (60, 100, 130))
    d.polygon([(0, 700), (W, 640), (W, H), (0, H)], fill=(96, 140, 80))
    d.polygon([(0, 760), (W, 700), (W, 720), (0, 790)], fill=(150, 130, 96))
    for i in range(6):
        x = 180 + i * 240 + rng.randint(-40, 40)
        _person(d, x, 900 - i * 8, 220, [(240, 190, 40), (230, 110, 40), (60, 150, 200)][i % 3])
        d.ellipse([x + 40, 860 - i * 8, x + 110, 910 - i * 8], fill=(40, 40, 44))
    for x in (80, 1500):
        _tree(d, x, 720, 220, (70, 120, 60))
    return img


def flood_wall(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    _gradient(d, (0, 0, W, 600), (92, 100, 112), (170, 176, 182))
    for x in range(-100, W, 260):
        _cloud(d, x + rng.randint(0, 80), 110 + rng.randint(0, 90), 90, (120, 126, 136))
    for i in range(7):
        x = 120 + i * 210
        h = rng.randint(180, 300)
        d.rectangle([x, 560 - h, x + 170, 560], fill=(150 - i * 5, 120, 110))
        d.polygon([(x - 10, 560 - h), (x + 85, 560 - h - 80), (x + 180, 560 - h)], fill=(80, 70, 72))
        _windows(d, rng, (x + 10, 560 - h + 20, x + 160, 540), 3, 2, (250, 220, 140), (70, 80, 96), 0.4)
    d.rectangle([0, 560, W, 640], fill=(188, 188, 180))
    d.rectangle([0, 540, W, 560], fill=(160, 160, 154))
    for x in range(0, W, 200):
        d.line([(x, 560), (x, 640)], fill=(150, 150, 144), width=4)
    _water(d, rng, 640, (96, 110, 108), (60, 72, 70))
    for _ in range(260):
        x, y = rng.randint(0, W), rng.randint(0, H)
        d.line([(x, y), (x - 12, y + 40)], fill=(200, 206, 214), width=2)
    return img


def school(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    _gradient(d, (0, 0, W, 700), (110, 170, 230), (210, 230, 246))
    _sun(d, 1380, 160, 80, (255, 240, 170), (210, 230, 246))
    _cloud(d, 260, 150, 55, (255, 255, 255))
    d.rectangle([0, 700, W, H], fill=(110, 170, 90))
    brick = (176, 86, 62)
    d.rectangle([340, 320, 1260, 760], fill=brick)
    d.polygon([(310, 320), (800, 170), (1290, 320)], fill=(90, 60, 60))
    _windows(d, rng, (370, 350, 1230, 660), 8, 2, (200, 226, 246), (200, 226, 246), 1)
    d.rectangle([720, 560, 880, 760], fill=(60, 90, 140))
    d.rectangle([796, 560, 804, 760], fill=(40, 60, 100))
    d.ellipse([760, 210, 840, 290], fill=(250, 250, 244))
    d.line([(800, 250), (800, 222)], fill=(30, 30, 30), width=5)
    d.line([(800, 250), (822, 258)], fill=(30, 30, 30), width=5)
    d.line([(1400, 760), (1400, 380)], fill=(200, 200, 206), width=8)
    d.polygon([(1404, 384), (1540, 420), (1404, 456)], fill=(230, 70, 60))
    d.rectangle([0, 760, W, 800], fill=(200, 196, 186))
    for i in range(7):
        _person(
            d,
            380 + i * 140 + rng.randint(-20, 20),
            900,
            120 + rng.randint(0, 30),
            [(230, 80, 70), (60, 130, 200), (250, 200, 60), (100, 180, 120)][i % 4],
        )
    for x in (140, 1500):
        _tree(d, x, 760, 210, (60, 130, 70))
    return img


def classroom(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    _gradient(d, (0, 0, W, 760), (236, 226, 200), (220, 206, 176))
    d.rectangle([0, 760, W, H], fill=(150, 110, 76))
    d.rectangle([220, 140, 1380, 600], fill=(132, 96, 60))
    d.rectangle([244, 164, 1356, 576], fill=(44, 74, 62))
    for i, width in enumerate((700, 520, 820, 440)):
        y = 230 + i * 80
        d.line([(300, y), (300 + width, y + rng.randint(-6, 6))], fill=(224, 230, 220), width=6)
    d.ellipse([1130, 240, 1290, 400], outline=(224, 230, 220), width=6)
    d.rectangle([120, 700, 1480, 740], fill=(180, 140, 96))
    d.rectangle([160, 740, 200, 960], fill=(120, 90, 60))
    d.rectangle([1400, 740, 1440, 960], fill=(120, 90, 60))
    d.ellipse([980, 590, 1100, 704], fill=(200, 40, 40))
    d.line([(1040, 600), (1050, 560)], fill=(90, 60, 40), width=8)
    d.ellipse([1050, 560, 1100, 590], fill=(80, 150, 60))
    for i, c in enumerate(((60, 110, 180), (220, 180, 60), (180, 70, 70))):
        d.rectangle([380 + i * 70, 560 - i * 10 + 100, 440 + i * 70, 700], fill=c)
    return img


def council_chamber(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    _gradient(d, (0, 0, W, 620), (120, 80, 56), (86, 56, 40))
    for i in range(3):
        x = 300 + i * 400
        d.rounded_rectangle([x, 90, x + 200, 470], radius=100, fill=(190, 214, 236))
        d.line([(x + 100, 90), (x + 100, 470)], fill=(120, 80, 56), width=8)
        d.line([(x, 280), (x + 200, 280)], fill=(120, 80, 56), width=8)
    d.ellipse([740, 120, 860, 240], fill=(210, 170, 70))
    d.ellipse([764, 144, 836, 216], fill=(150, 40, 40))
    _gradient(d, (0, 620, W, H), (120, 40, 44), (80, 24, 30))
    d.chord([-200, 560, W + 200, 1400], 180, 360, fill=(150, 100, 60))
    d.chord([-120, 640, W + 120, 1500], 180, 360, fill=(100, 30, 36))
    for i in range(13):
        x = 80 + i * 120
        y = 700 - int(90 * (1 - ((x - 800) / 800) ** 2))
        d.rounded_rectangle([x - 30, y - 40, x + 30, y + 30], radius=10, fill=(40, 30, 34))
        d.rectangle([x - 6, y - 70, x - 2, y - 40], fill=(200, 200, 200))
    d.rectangle([620, 500, 980, 600], fill=(110, 70, 44))
    return img


def town_hall(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    _gradient(d, (0, 0, W, 760), (96, 150, 210), (200, 222, 240))
    d.rectangle([0, 760, W, H], fill=(120, 160, 100))
    _cloud(d, 1180, 140, 60, (255, 255, 255))
    stone = (226, 216, 196)
    d.polygon([(340, 330), (800, 160), (1260, 330)], fill=stone)
    d.polygon([(420, 310), (800, 200), (1180, 310)], fill=_mix(stone, (0, 0, 0), 0.12))
    d.rectangle([360, 330, 1240, 360], fill=stone)
    for i in range(8):
        x = 400 + i * 115
        d.rectangle([x, 360, x + 50, 740], fill=_mix(stone, (255, 255, 255), 0.3))
        d.rectangle([x - 8, 360, x + 58, 380], fill=stone)
    d.rectangle([360, 360, 1240, 740], fill=_mix(stone, (0, 0, 0), 0.2))
    for i in range(8):
        x = 400 + i * 115
        d.rectangle([x, 380, x + 50, 740], fill=_mix(stone, (255, 255, 255), 0.3))
    for i in range(4):
        d.rectangle(
            [320 - i * 30, 740 + i * 30, 1280 + i * 30, 770 + i * 30], fill=_mix(stone, (0, 0, 0), 0.05 * i)
        )
    d.rectangle([0, 860, W, H], fill=(150, 150, 146))
    d.ellipse([760, 228, 840, 300], fill=(250, 246, 236))
    for x in (150, 1450):
        _tree(d, x, 860, 260, (70, 120, 70))
    return img


def library(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    _gradient(d, (0, 0, W, 800), (40, 52, 100), (220, 140, 110))
    for _ in range(40):
        x, y = rng.randint(0, W), rng.randint(0, 260)
        d.ellipse([x, y, x + 4, y + 4], fill=(240, 240, 250))
    wall = (120, 90, 80)
    d.rectangle([260, 260, 1340, 800], fill=wall)
    d.rectangle([230, 230, 1370, 270], fill=(90, 66, 60))
    _windows(d, rng, (290, 300, 1310, 760), 7, 2, (255, 210, 120), (70, 60, 70), 0.85)
    d.rectangle([700, 560, 900, 800], fill=(255, 220, 140))
    d.rectangle([710, 570, 890, 800], fill=(240, 196, 110))
    d.rectangle([0, 800, W, H], fill=(60, 60, 70))
    for x in (140, 1460):
        d.rectangle([x - 6, 520, x + 6, 800], fill=(30, 30, 36))
        _sun(d, x, 510, 18, (255, 236, 170), (120, 100, 110))
    for i, c in enumerate(((200, 80, 60), (60, 110, 170), (230, 180, 60), (90, 150, 90))):
        d.rectangle([560 + i * 130, 170, 640 + i * 130, 230], fill=c)
    return img


def bus_dusk(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    _gradient(d, (0, 0, W, 640), (54, 60, 120), (244, 160, 110))
    for i in range(9):
        x, w = i * 190 - 40, rng.randint(140, 200)
        h = rng.randint(180, 420)
        d.rectangle([x, 640 - h, x + w, 640], fill=(44, 40, 70))
        _windows(
            d,
            rng,
            (x + 10, 640 - h + 20, x + w - 10, 620),
            3,
            max(1, h // 80),
            (255, 214, 130),
            (60, 56, 90),
            0.5,
        )
    _gradient(d, (0, 640, W, H), (70, 70, 80), (40, 40, 48))
    for x in range(0, W, 220):
        d.rectangle([x, 820, x + 120, 832], fill=(230, 220, 170))
    bus = (220, 60, 50)
    d.rounded_rectangle([300, 440, 1260, 780], radius=40, fill=bus)
    _windows(d, rng, (330, 470, 1120, 620), 6, 1, (255, 226, 160), (255, 226, 160), 1)
    d.rounded_rectangle([1140, 470, 1240, 740], radius=16, fill=(255, 226, 160))
    d.rectangle([320, 650, 1240, 670], fill=(250, 240, 230))
    d.rectangle([1150, 450, 1240, 466], fill=(20, 20, 20))
    d.text((1168, 448), "12", fill=(255, 190, 40))
    for x in (450, 1080):
        d.ellipse([x - 70, 720, x + 70, 860], fill=(28, 28, 30))
        d.ellipse([x - 30, 760, x + 30, 820], fill=(140, 140, 150))
    d.rectangle([1380, 420, 1392, 800], fill=(60, 60, 66))
    d.ellipse([1340, 380, 1432, 472], fill=(30, 120, 70))
    return img


def skyline_dusk(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    _gradient(d, (0, 0, W, 760), (60, 50, 110), (250, 170, 100))
    _sun(d, 520, 640, 90, (255, 210, 120), (250, 170, 100))
    x = -20
    while x < W:
        w, h = rng.randint(90, 180), rng.randint(200, 560)
        d.rectangle([x, 760 - h, x + w, 760], fill=(36, 32, 60))
        _windows(
            d,
            rng,
            (x + 8, 760 - h + 16, x + w - 8, 740),
            max(2, w // 40),
            max(2, h // 50),
            (255, 200, 110),
            (50, 46, 76),
            0.35,
        )
        x += w + rng.randint(4, 30)
    for cx in (1120, 1380):
        d.line([(cx, 760), (cx, 200)], fill=(230, 180, 60), width=14)
        d.line([(cx - 260, 220), (cx + 160, 220)], fill=(230, 180, 60), width=12)
        d.line([(cx - 200, 220), (cx - 200, 380)], fill=(200, 200, 200), width=3)
        d.rectangle([cx - 220, 380, cx - 180, 410], fill=(120, 120, 130))
    _water(d, rng, 760, (80, 70, 110), (30, 30, 50))
    return img


def park_trees(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    _gradient(d, (0, 0, W, 600), (130, 190, 236), (230, 240, 232))
    _sun(d, 260, 170, 70, (255, 244, 190), (230, 240, 232))
    _hills(d, rng, 560, 80, (140, 190, 110))
    d.rectangle([0, 640, W, H], fill=(100, 160, 80))
    d.polygon([(700, H), (760, 640), (840, 640), (1000, H)], fill=(210, 196, 160))
    for _ in range(14):
        x = rng.randint(0, W)
        ground = rng.randint(640, 980)
        size = 80 + (ground - 600) // 2
        if not 640 < x < 1040:
            _tree(d, x, ground, size, _mix((60, 130, 60), (130, 180, 60), rng.random()))
    for i in range(5):
        x = 300 + i * 60
        d.rectangle([x, 860, x + 8, 940], fill=(110, 80, 50))
        d.ellipse([x - 16, 830, x + 24, 870], fill=(120, 190, 80))
    return img


def cycle_lane(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    _gradient(d, (0, 0, W, 480), (120, 180, 230), (226, 236, 242))
    _hills(d, rng, 470, 40, (130, 170, 120))
    d.rectangle([0, 480, W, H], fill=(110, 160, 90))
    d.polygon([(720, 480), (880, 480), (1500, H), (100, H)], fill=(84, 84, 92))
    d.polygon([(860, 480), (880, 480), (1500, H), (1220, H)], fill=(60, 150, 90))
    d.polygon([(840, 480), (852, 480), (1180, H), (1140, H)], fill=(250, 250, 250))
    for i in range(6):
        y0 = 500 + i * 90
        t = (y0 - 480) / 520
        x = 800 - 20 * t
        d.rectangle([x - 4 - 10 * t, y0, x + 4 + 10 * t, y0 + 40 + 20 * t], fill=(240, 220, 120))
    cx, cy = 1270, 890
    d.ellipse([cx - 70, cy - 30, cx - 10, cy + 30], outline=(255, 255, 255), width=6)
    d.ellipse([cx + 20, cy - 30, cx + 80, cy + 30], outline=(255, 255, 255), width=6)
    d.line([(cx - 40, cy), (cx, cy - 50), (cx + 50, cy), (cx - 40, cy)], fill=(255, 255, 255), width=6)
    for x in (120, 380, 1450):
        _tree(d, x, 560 + (x % 7) * 10, 160, (60, 120, 60))
    return img


def footbridge(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    _gradient(d, (0, 0, W, 560), (170, 200, 226), (236, 232, 222))
    _cloud(d, 300, 140, 70, (250, 250, 252))
    _water(d, rng, 560, (110, 150, 170), (50, 80, 100))
    d.polygon([(0, 540), (260, 540), (200, H), (0, H)], fill=(150, 140, 126))
    d.polygon([(W, 540), (1340, 540), (1400, H), (W, H)], fill=(150, 140, 126))
    d.arc([200, 300, 1400, 900], 200, 340, fill=(70, 80, 90), width=20)
    d.rectangle([240, 520, 1360, 546], fill=(90, 96, 104))
    for x in range(300, 1320, 60):
        y = 600 - int(300 * (1 - ((x - 800) / 600) ** 2) ** 0.5)
        d.line([(x, max(y, 330)), (x, 520)], fill=(70, 80, 90), width=4)
    for x in range(520, 1100, 80):
        d.line([(x, 360), (x, 520)], fill=(200, 170, 60), width=6)
    for y in range(380, 520, 50):
        d.line([(520, y), (1080, y)], fill=(200, 170, 60), width=6)
    for x in (70, 130, 1440, 1500):
        d.polygon([(x, 640), (x + 24, 560), (x + 48, 640)], fill=(240, 110, 40))
        d.rectangle([x + 10, 590, x + 38, 604], fill=(250, 250, 250))
    return img


SCENES: dict[str, Callable[[random.Random], Image.Image]] = {
    f.__name__: f
    for f in (
        river_bridge,
        riverbank_volunteers,
        flood_wall,
        school,
        classroom,
        council_chamber,
        town_hall,
        library,
        bus_dusk,
        skyline_dusk,
        park_trees,
        cycle_lane,
        footbridge,
    )
}


# Drawing is deterministic (seeded), so a process that loads the demo again (tests do, once per
# live-server test) reuses the bytes instead of drawing them anew.
@functools.lru_cache(maxsize=64)
def scene_jpeg(name: str, *, seed: int) -> bytes:
    """The named scene as JPEG bytes."""
    img = SCENES[name](random.Random(seed))
    out = BytesIO()
    img.save(out, "JPEG", quality=82)
    return out.getvalue()


@functools.lru_cache(maxsize=16)
def portrait_jpeg(
    *, seed: int, background: Color, skin: Color, hair: Color, shirt: Color, long_hair: bool = False
) -> bytes:
    """A head-and-shoulders portrait, 480×480, for an author's page."""
    size = 480
    img = Image.new("RGB", (size, size))
    d = ImageDraw.Draw(img)
    _gradient(d, (0, 0, size, size), _mix(background, (255, 255, 255), 0.25), background)
    if long_hair:
        d.rounded_rectangle([130, 110, 350, 380], radius=90, fill=hair)
    d.ellipse([70, 340, 410, 640], fill=shirt)
    d.rectangle([205, 280, 275, 370], fill=_mix(skin, (0, 0, 0), 0.12))
    d.ellipse([160, 110, 320, 310], fill=skin)
    d.chord([150, 90, 330, 250], 180, 360, fill=hair)
    rng = random.Random(seed)
    eye_y = 205 + rng.randint(-4, 4)
    for x in (210, 270):
        d.ellipse([x - 7, eye_y - 7, x + 7, eye_y + 7], fill=(40, 34, 30))
    d.arc([205, 235, 275, 275], 20, 160, fill=(120, 60, 56), width=5)
    out = BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()
