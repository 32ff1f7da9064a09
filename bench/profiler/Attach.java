import com.sun.tools.attach.VirtualMachine;

/**
 * Loads a native agent into a running JVM: {@code java Attach.java PID LIBRARY OPTIONS}. bench/profiler/profile.sh
 * starts and stops async-profiler with it; jcmd's JVMTI.agent_load cannot pass async-profiler's options (it
 * parses their '=' itself).
 */
public class Attach {
    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
