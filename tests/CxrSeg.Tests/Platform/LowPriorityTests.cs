using CxrSeg.Platform;

namespace CxrSeg.Tests.Platform;

public sealed class LowPriorityTests
{
    [SkippableFact]
    public void Lowers_only_the_calling_thread()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "thread nice values are Linux-only");
        static string[] Stat(int tid) => File.ReadAllText($"/proc/self/task/{tid}/stat").Split(") ")[1].Split(' ');
        static int Nice(int tid) => int.Parse(Stat(tid)[16]);
        static int Policy(int tid) => int.Parse(Stat(tid)[38]); // field 41: scheduling policy
        var mainBefore = Nice(Environment.ProcessId);
        int tid = 0, nice = 0, policy = -1;
        bool ok = false, flag = false;
        var t = new Thread(() =>
        {
            ok = LowPriority.TryApplyToCurrentThread();
            flag = LowPriority.IsCurrentThreadLowered;
            tid = Directory.GetDirectories("/proc/self/task").Select(d => int.Parse(Path.GetFileName(d)))
                .Single(id => File.ReadAllText($"/proc/self/task/{id}/comm").Trim() == "nice test");
            nice = Nice(tid);
            policy = Policy(tid);
        }) { Name = "nice test" };
        t.Start();
        t.Join();
        Assert.True(ok);
        Assert.True(flag);
        Assert.Equal(19, nice);
        Assert.Equal(5, policy); // SCHED_IDLE
        Assert.False(LowPriority.IsCurrentThreadLowered);
        Assert.Equal(mainBefore, Nice(Environment.ProcessId)); // the main thread keeps its priority
        Assert.Equal(0, Policy(Environment.ProcessId));         // and SCHED_OTHER
    }
}
