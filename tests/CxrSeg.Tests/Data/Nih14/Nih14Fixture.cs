using CxrSeg.Data.Images;
using CxrSeg.Tests.Data.MaskFolders;

namespace CxrSeg.Tests.Data.Nih14;

/// <summary>A small NIH ChestX-ray14 folder in the real layout and quirks (header commas, 9-field box header), images at 128².</summary>
internal static class Nih14Fixture
{
    public const int ImageSize = 128;

    public static readonly string[] Images = ["00000001_000.png", "00000001_001.png", "00000002_000.png", "00000003_000.png", "00000004_000.png", "00000005_000.png"];

    public static void Write(string root)
    {
        var images = Directory.CreateDirectory(Path.Combine(root, "images")).FullName;
        for (var i = 0; i < Images.Length; i++)
            PngWriter.WriteGrey8(Path.Combine(images, Images[i]), new GreyImage(ImageSize, ImageSize, MaskFolderFixtures.Radiograph(i, ImageSize, ImageSize)));
        File.WriteAllText(Path.Combine(root, "Data_Entry_2017.csv"),
            "Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y]\n" +
            "00000001_000.png,Cardiomegaly|Effusion,0,1,58,M,PA,2682,2749,0.143,0.143\n" +
            "00000001_001.png,No Finding,1,1,58,M,PA,2894,2729,0.143,0.143\n" +
            "00000002_000.png,Pneumonia,0,2,81,M,AP,2500,2048,0.171,0.171\n" +
            "00000003_000.png,Pleural_Thickening|Infiltration,0,3,74,F,PA,2500,2048,0.168,0.168\n" +
            "00000004_000.png,No Finding,0,4,82,M,AP,2500,2048,0.168,0.168\n" +
            "00000005_000.png,Consolidation,0,5,60,F,PA,2992,2991,0.143,0.143\n" +
            "00099999_000.png,Hernia,0,99,40,F,PA,2048,2500,0.168,0.168\n");
        File.WriteAllText(Path.Combine(root, "BBox_List_2017.csv"),
            "Image Index,Finding Label,Bbox [x,y,w,h],,,\n" +
            "00000002_000.png,Pneumonia,512.0,256.0,256.0,256.0\n" +
            "00000003_000.png,Infiltrate,100.5,200.25,50,60\n");
        var det = Directory.CreateDirectory(Path.Combine(root, "chestxdet")).FullName;
        File.WriteAllText(Path.Combine(det, "ChestX_Det_train.json"), """
            [{"file_name": "101.png", "syms": ["Effusion", "Cardiomegaly"], "boxes": [[512, 256, 768, 512], [300, 600, 700, 900]],
              "polygons": [[[512, 256], [768, 256], [768, 512], [512, 512]], [[300, 600], [700, 600], [700, 900], [300, 900]]]},
             {"file_name": "102.png", "syms": [], "boxes": [], "polygons": []}]
            """);
        File.WriteAllText(Path.Combine(det, "ChestX_Det_test.json"), """
            [{"file_name": "105.png", "syms": ["Consolidation"], "boxes": [[0, 0, 10, 10]], "polygons": [[[0, 0], [1024, 0], [1024, 1024]]]}]
            """);
        File.WriteAllText(Path.Combine(det, "chestxdet_to_nih.csv"),
            "file_name,Image Index,split\n101.png,00000001_000.png,train\n102.png,00000001_001.png,train\n105.png,00000005_000.png,test\n");
    }
}
