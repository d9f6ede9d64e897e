using System.Text;
using CxrSeg.Data.Ccxs;
using CxrSeg.Tests.Data.Images;
using SkiaSharp;

namespace CxrSeg.Tests.Data.Ccxs;

/// <summary>
/// Writes a small CCXS folder in the real layout: images (grey PNG, RGB JPEG, RGBA PNG), cropped RGBA masks,
/// structure.csv (with the quirks: a mask-less probe row, a duplicated Right Lung row) and metadata.csv.
/// Image i is 40×30 (+ i pixels wide); every image has classes 0–3; image 0 alone has Pneumothorax; images 1..4 carry
/// one of GGO/Consolidation/Pleural effusion/ETT; image 5 has a probe row without mask; image 6 a duplicate Right Lung row.
/// </summary>
internal static class CcxsFixture
{
    public const string Header = "#,Taxonomy,Class,Template Name,File Folder,Filename,Image,Tag,Mask,Resolution,Top,Left,Width,Height,Points,Text Annotation,Minimal Top,Minimal Left,Minimal Width,Minimal Height,Attributes";

    public static string FileName(int i) => (i % 3) switch { 0 => $"img{i:D2}.png", 1 => $"img{i:D2}.jpg", _ => $"img{i:D2}.jpeg" };

    public static void Write(string root, int images = 12, Action<StringBuilder>? extraRows = null)
    {
        Directory.CreateDirectory(Path.Combine(root, "images"));
        Directory.CreateDirectory(Path.Combine(root, "masks"));
        var csv = new StringBuilder(Header + "\n");
        var meta = new StringBuilder("patientid,offset,sex,age,finding,view,filename,\n");
        int row = 1;
        for (int i = 0; i < images; i++)
        {
            int w = 40 + i, h = 30;
            var name = FileName(i);
            var path = Path.Combine(root, "images", name);
            if (i % 3 == 0) ImageFixtures.Grey(path, w, h, (x, y) => (byte)(x * 3 + y));
            else if (i % 3 == 1) ImageFixtures.Rgba(path, w, h, (x, y) => ((byte)(x * 5), (byte)y, 90, 255), SKEncodedImageFormat.Jpeg);
            else ImageFixtures.Rgba(path, w, h, (x, y) => ((byte)(x * 5), (byte)y, 90, 200));
            meta.Append($"P{i / 2},0,M,50,COVID-19,PA,{name},\n");
            void Region(int cls, int left, int top, int rw, int rh, bool withMask = true)
            {
                var c = CcxsClasses.All[cls];
                var mask = withMask ? $"masks/m{i:D2}_{row}.png" : "";
                if (withMask)
                    ImageFixtures.Rgba(Path.Combine(root, mask), rw, rh, (x, y) => x >= 1 && y >= 1 ? (c.R, c.G, c.B, (byte)255) : ((byte)0, (byte)0, (byte)0, (byte)255));
                csv.Append($"{row},,\"COVID-19 {c.DataName}\",\"{c.DataName}\",,\"{name}\",images/x.jpg,tags/x.png,{mask},{w}x{h},{top},{left},{rw},{rh},,\"undefined\",{top},{left},{rw},{rh},\n");
                row++;
            }
            Region(0, 2, 5, 10, 20);
            Region(1, w - 14, 5, 10, 20);
            Region(2, 14, 10, 10, 15);
            Region(3, 17, 0, 6, 10);
            if (i == 0) Region(7, 3, 3, 5, 5);
            if (i is >= 1 and <= 4) Region(new[] { 4, 5, 6, 8 }[i - 1], 5, 5, 8, 8);
            if (i == 5) Region(10, 0, 0, w, h, withMask: false);
            if (i == 6) Region(0, 3, 6, 10, 20);
        }
        extraRows?.Invoke(csv);
        File.WriteAllText(Path.Combine(root, "structure.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(root, "metadata.csv"), meta.ToString());
    }
}
