package dev.ladder.rulebase;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Java code compiled from rule files (consequences, functions, evals, inline accumulates),
 * read as the JVM will run it. {@link #references} lists every type and member a class uses
 * that the {@link AllowList} does not allow, so the check sees what the compiler resolved
 * rather than the words of the source. {@link #withBudget} adds a call to {@link Budget#tick()}
 * at the start of every method and before every backward jump, so a loop or a recursion in a
 * rule meets the per-decision budget, and marks a halt before it happens, so it can be named.
 *
 * <p>Drools wraps each consequence in an invoker class of its own making; those classes are
 * checked against Drools' own scaffolding, the code the rule author wrote against the allow-list.
 */
final class RuleBytecode {
    private static final String INVOKER = "org/drools/base/rule/accessor/CompiledInvoker";
    private static final String BUDGET = Type.getInternalName(Budget.class);
    private static final String KNOWLEDGE_HELPER = "org/drools/core/rule/consequence/KnowledgeHelper";

    /** One use of something outside the allow-list: in which class (its outermost class) and method, and what. */
    record Reference(String className, String method, String what) {
    }

    private RuleBytecode() {
    }

    /**
     * Whether Drools generated this class to call rule code (rather than compiled it from a rule
     * file): a top-level class of its own naming that implements its invoker interface. A class a
     * rule writes itself (an anonymous class) is nested, so it never passes for one.
     */
    static boolean isInvoker(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        return reader.getClassName().endsWith("Invoker") && !nested(reader)
                && java.util.Arrays.asList(reader.getInterfaces()).contains(INVOKER);
    }

    /** Whether the class is nested in another (an anonymous or inner class a rule wrote). */
    static boolean nested(ClassReader reader) {
        String self = reader.getClassName();
        boolean[] nested = new boolean[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visitNestHost(String host) {
                nested[0] = true;
            }

            @Override
            public void visitOuterClass(String owner, String name, String descriptor) {
                nested[0] = true;
            }

            @Override
            public void visitInnerClass(String name, String outerName, String innerName, int access) {
                if (name.equals(self)) {
                    nested[0] = true;
                }
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return nested[0];
    }

    /** The class a nested class is nested in, or the class itself. */
    static String outermost(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        String[] host = {reader.getClassName()};
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visitNestHost(String nestHost) {
                host[0] = nestHost;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return host[0];
    }

    /** Every reference in {@code bytes} to a type or member outside what rule code may use. */
    static List<Reference> references(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        String className = outermost(bytes);
        boolean invoker = isInvoker(bytes);
        Set<String> found = new LinkedHashSet<>();
        List<Reference> references = new ArrayList<>();
        class Refuse {
            void type(String method, String internalName) {
                if (!allowedType(internalName, invoker) && found.add(method + " " + internalName)) {
                    references.add(new Reference(className, method, AllowList.readable(internalName)));
                }
            }

            void member(String method, String owner, String name) {
                if (!allowedMember(owner, name, invoker) && found.add(method + " " + owner + "." + name)) {
                    references.add(new Reference(className, method, AllowList.readable(owner) + "." + name));
                }
            }

            void descriptor(String method, String descriptor) {
                Type type = Type.getType(descriptor);
                if (type.getSort() == Type.METHOD) {
                    this.type(method, type.getReturnType().getDescriptor());
                    for (Type argument : type.getArgumentTypes()) {
                        this.type(method, argument.getDescriptor());
                    }
                } else {
                    this.type(method, descriptor);
                }
            }
        }
        Refuse refuse = new Refuse();
        if (reader.getSuperName() != null && !reader.getSuperName().equals("java/lang/Object")
                && !reader.getSuperName().equals("java/lang/Enum")) {
            refuse.type("<class>", reader.getSuperName());
        }
        for (String anInterface : reader.getInterfaces()) {
            refuse.type("<class>", anInterface);
        }
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                if ((access & Opcodes.ACC_NATIVE) != 0) {
                    references.add(new Reference(className, name, "a native method"));
                }
                refuse.descriptor(name, descriptor);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        refuse.type(name, type);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String fieldDescriptor) {
                        refuse.member(name, owner, field);
                        refuse.descriptor(name, fieldDescriptor);
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                                                boolean isInterface) {
                        refuse.member(name, owner, method);
                        refuse.descriptor(name, methodDescriptor);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String indy, String indyDescriptor, Handle bootstrap,
                                                       Object... arguments) {
                        refuse.member(name, bootstrap.getOwner(), bootstrap.getName());
                        for (Object argument : arguments) {
                            if (argument instanceof Handle handle) {
                                refuse.member(name, handle.getOwner(), handle.getName());
                            }
                        }
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        if (value instanceof Type type && type.getSort() != Type.METHOD && !invoker) {
                            references.add(new Reference(className, name, "a class literal ("
                                    + AllowList.readable(type.getInternalName()) + ".class)"));
                        } else if (value instanceof Handle || value instanceof org.objectweb.asm.ConstantDynamic) {
                            references.add(new Reference(className, name, "a method handle or dynamic constant"));
                        }
                    }

                    @Override
                    public void visitMultiANewArrayInsn(String arrayDescriptor, int dimensions) {
                        refuse.type(name, arrayDescriptor);
                    }

                    @Override
                    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                        // a handler that catches everything (or any Throwable) could swallow the budget's stop
                        if (!invoker && !"java/lang/NoSuchFieldError".equals(type)) {
                            references.add(new Reference(className, name, "a try/catch or finally block"
                                    + (type == null ? "" : " catching " + AllowList.readable(type))));
                        }
                    }

                    @Override
                    public void visitInsn(int opcode) {
                        if (opcode == Opcodes.MONITORENTER && !invoker) {
                            references.add(new Reference(className, name, "a synchronized block"));
                        }
                    }
                };
            }
        }, 0);
        return references;
    }

    private static boolean allowedType(String internalName, boolean invoker) {
        String name = internalName.startsWith("[") ? Type.getType(internalName).getElementType().getDescriptor()
                : internalName;
        if (name.length() == 1) {
            return true;
        }
        if (name.startsWith("L") && name.endsWith(";")) {
            name = name.substring(1, name.length() - 1);
        }
        return AllowList.type(name) || invoker && scaffolding(name);
    }

    private static boolean allowedMember(String owner, String member, boolean invoker) {
        if (owner.startsWith("[")) {
            return allowedType(owner, invoker);
        }
        return AllowList.member(owner, member) || invoker && (scaffolding(owner)
                || owner.equals("java/lang/Object") && member.equals("getClass"));
    }

    /** What Drools' own generated invokers use: its runtime, and the boxed values it passes along. */
    private static boolean scaffolding(String internalName) {
        return internalName.startsWith("org/drools/") || internalName.startsWith("org/kie/")
                || internalName.equals("java/lang/Class") || internalName.equals("java/lang/Object");
    }

    /**
     * The class with a budget check at the start of every method and before every backward
     * jump. Drools' invokers are left as they are: they only pass values to rule code.
     */
    static byte[] withBudget(byte[] bytes) {
        if (isInvoker(bytes)) {
            return bytes;
        }
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    return next;
                }
                return new MethodVisitor(Opcodes.ASM9, next) {
                    private final Set<Label> seen = new HashSet<>();

                    @Override
                    public void visitCode() {
                        super.visitCode();
                        tick();
                    }

                    @Override
                    public void visitLabel(Label label) {
                        super.visitLabel(label);
                        seen.add(label);
                    }

                    @Override
                    public void visitJumpInsn(int opcode, Label label) {
                        if (seen.contains(label)) {
                            tick();
                        }
                        super.visitJumpInsn(opcode, label);
                    }

                    @Override
                    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
                        tick();
                        super.visitTableSwitchInsn(min, max, dflt, labels);
                    }

                    @Override
                    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
                        tick();
                        super.visitLookupSwitchInsn(dflt, keys, labels);
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                                                boolean isInterface) {
                        if (owner.equals(KNOWLEDGE_HELPER) && method.equals("halt")) {
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, BUDGET, "halting", "()V", false);
                        }
                        super.visitMethodInsn(opcode, owner, method, methodDescriptor, isInterface);
                    }

                    private void tick() {
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, BUDGET, "tick", "()V", false);
                    }
                };
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Instruments every rule class of a compiled package's store in place. */
    static void instrument(Map<String, byte[]> store) {
        store.replaceAll((name, bytes) -> name.endsWith(".class") ? withBudget(bytes) : bytes);
    }
}
