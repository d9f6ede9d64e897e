using System.Buffers.Binary;
using System.Text;
using CxrSeg.Runs;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Runs;

public sealed class TensorBoardLogTests
{
    /// <summary>The records of a TFRecord file: 8-byte length, 4-byte CRC, data, 4-byte CRC.</summary>
    private static List<byte[]> Records(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var list = new List<byte[]>();
        var at = 0;
        while (at < bytes.Length)
        {
            var n = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at));
            list.Add(bytes.AsSpan(at + 12, n).ToArray());
            at += 12 + n + 4;
        }
        Assert.Equal(bytes.Length, at);
        return list;
    }

    [Fact]
    public void Scalars_land_in_a_tfrecord_event_file_with_tag_value_and_step()
    {
        using var tmp = new TempDir();
        var log = new TensorBoardLog(tmp.File("tb"));
        log.Scalar("loss/train", 0.625, 3);
        log.Scalar("val/mIoU", 0.5, 4);
        var file = Assert.Single(Directory.GetFiles(tmp.File("tb"), "events.out.tfevents.*"));
        var records = Records(file);
        Assert.Equal(3, records.Count); // file version, then one event per scalar
        Assert.Contains("brain.Event:2", Encoding.ASCII.GetString(records[0]));
        Assert.Contains("loss/train", Encoding.ASCII.GetString(records[1]));
        var value = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(value, 0.625f);
        Assert.True(records[1].AsSpan().IndexOf(value) >= 0, "the float value is in the event");
        Assert.Contains("val/mIoU", Encoding.ASCII.GetString(records[2]));
    }
}
