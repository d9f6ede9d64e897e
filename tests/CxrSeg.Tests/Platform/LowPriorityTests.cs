using CxrSeg.Platform;

namespace CxrSeg.Tests.Platform;

public sealed class LowPriorityTests
{
    [SkippableFact]
    public void Lowers_only_the_calling_thread()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "thread nice values are Linux-only");
        static int Nice(int tid) => int.Parse(File.ReadAllText($"/proc/self/task/{tid}/stat").Split(") ")[1].Split(' ')[16]);
        var mainBefore = Nice(Environment.ProcessId);
        int tid = 0, nice = 0;
        bool ok = false, flag = false;
        var t = new Thread(() =>
        {
            ok = LowPriority.TryApplyToCurrentThread();
            flag = LowPriority.IsCurrentThreadLowered;
            tid = Directory.GetDirectories("/proc/self/task").Select(d => int.Parse(Path.GetFileName(d)))
                .Single(id => File.ReadAllText($"/proc/self/task/{id}/comm").Trim() == "nice test");
            nice = Nice(tid);
        }) { Name = "nice test" };
        t.Start();
        t.Join();
        Assert.True(ok);
        Assert.True(flag);
        Assert.Equal(19, nice);
        Assert.False(LowPriority.IsCurrentThreadLowered);
        Assert.Equal(mainBefore, Nice(Environment.ProcessId)); // the main thread keeps its priority
    }
}
