using System.Text.Json;
using CxrSeg.Platform;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Platform;

public sealed class FileLockTests
{
    private static readonly LockPolicy Fast = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));

    [Fact]
    public void LockFromAnotherHost_IsStaleOnlyWhenNotTouched()
    {
        using var tmp = new TempDir();
        var path = tmp.File("x.lock");
        File.WriteAllText(path, JsonSerializer.Serialize(new LockInfo("some-other-host", 1, DateTime.UtcNow, DateTime.UtcNow, "t")));
        Assert.Null(FileLock.TryAcquire(path, Fast));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));
        using var l = FileLock.TryAcquire(path, Fast);
        Assert.NotNull(l);
        Assert.Equal(Environment.ProcessId, JsonSerializer.Deserialize<LockInfo>(File.ReadAllText(path))!.Pid);
    }
}
