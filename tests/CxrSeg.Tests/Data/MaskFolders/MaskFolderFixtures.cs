using CxrSeg.Data.Images;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Data.MaskFolders;

/// <summary>Small trees in JSRT's published layout and in the bring-your-own-masks layout, written by the project's code.</summary>
internal static class MaskFolderFixtures
{
    public const int Size = 64;

    /// <summary>A disc mask plane (0/255) centred at (cx, cy).</summary>
    public static GreyImage Disc(int cx, int cy, int r, int width = Size, int height = Size)
    {
        var px = new byte[width * height];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
            if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) px[y * width + x] = 255;
        return new GreyImage(width, height, px);
    }

    /// <summary>A radiograph-like grey ramp with a bright left half (the patient's right).</summary>
    public static byte[] Radiograph(int seed, int width = Size, int height = Size)
    {
        var rng = new Random(seed);
        var px = new byte[width * height];
        for (var i = 0; i < px.Length; i++) px[i] = (byte)((i % width < width / 2 ? 180 : 60) + rng.Next(0, 20));
        return px;
    }

    /// <summary>
    /// JSRT: <c>JSRT/jsrt_images/images/&lt;ID&gt;.IMG.png</c> as palette PNGs with an inverted grey ramp, and PNG masks
    /// under <c>JSRT/masks/masks/&lt;part&gt;_png/</c>. The last image has no left_clavicle mask. Returns the IDs.
    /// </summary>
    public static string[] WriteJsrt(string root, int count = 4)
    {
        var images = Directory.CreateDirectory(Path.Combine(root, "JSRT", "jsrt_images", "images")).FullName;
        string[] parts = ["right_lung", "left_lung", "heart", "right_clavicle", "left_clavicle"];
        (int X, int Y, int R)[] shapes = [(18, 32, 10), (46, 32, 10), (36, 40, 6), (16, 10, 4), (48, 10, 4)];
        var ids = Enumerable.Range(1, count).Select(i => $"JPCLN{i:000}").ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            var grey = Radiograph(i);
            var indices = grey.Select(g => (byte)(255 - g)).ToArray(); // the palette maps index i to grey 255 − i
            PalettePng.Write(Path.Combine(images, ids[i] + ".IMG.png"), Size, Size, indices, k => (byte)(255 - k));
            for (var p = 0; p < parts.Length; p++)
            {
                if (i == ids.Length - 1 && parts[p] == "left_clavicle") continue;
                var dir = Directory.CreateDirectory(Path.Combine(root, "JSRT", "masks", "masks", parts[p] + "_png")).FullName;
                PngWriter.WriteGrey8(Path.Combine(dir, ids[i] + ".png"), Disc(shapes[p].X, shapes[p].Y, shapes[p].R));
            }
        }
        return ids;
    }

    /// <summary>
    /// Own masks: <c>images/a.png, b.png, c.jpg, sub/d.png</c>, classes.json ["lesion", "lung"], masks/lung for all,
    /// masks/lesion for a (a disc) and b (empty: labelled absent), patients.csv putting a and b on one patient.
    /// </summary>
    public static void WriteOwnMasks(string root)
    {
        var images = Directory.CreateDirectory(Path.Combine(root, "images")).FullName;
        Directory.CreateDirectory(Path.Combine(images, "sub"));
        var lung = Directory.CreateDirectory(Path.Combine(root, "masks", "lung")).FullName;
        var lesion = Directory.CreateDirectory(Path.Combine(root, "masks", "lesion")).FullName;
        Directory.CreateDirectory(Path.Combine(lung, "sub"));
        foreach (var (name, seed) in new[] { ("a.png", 1), ("b.png", 2), ("sub/d.png", 4) })
        {
            PngWriter.WriteGrey8(Path.Combine(images, name), new GreyImage(Size, Size, Radiograph(seed)));
            PngWriter.WriteGrey8(Path.Combine(lung, Path.ChangeExtension(name, ".png")), Disc(20, 32, 12));
        }
        using (var bmp = new SkiaSharp.SKBitmap(Size, Size))
        {
            bmp.Erase(new SkiaSharp.SKColor(120, 120, 120));
            using var data = bmp.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90);
            File.WriteAllBytes(Path.Combine(images, "c.jpg"), data.ToArray());
        }
        PngWriter.WriteGrey8(Path.Combine(lung, "c.png"), Disc(20, 32, 12));
        PngWriter.WriteGrey8(Path.Combine(lesion, "a.png"), Disc(44, 20, 5));
        PngWriter.WriteGrey8(Path.Combine(lesion, "b.png"), new GreyImage(Size, Size, new byte[Size * Size]));
        File.WriteAllText(Path.Combine(root, "classes.json"), """{"classes": ["lesion", "lung"]}""");
        File.WriteAllText(Path.Combine(root, "patients.csv"), "image,patient\na.png,P1\nb.png,P1\nc.jpg,P2\nsub/d.png,P3\n");
    }
}
